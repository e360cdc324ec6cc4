package reflect

import (
	"encoding/binary"
	"strconv"

	"github.com/frugaljit/frugal/wire"
)

// skip steps over one value of wire type t starting at buf[i], checking
// every length against the bytes that remain, and returns the offset after
// it.
func skip(buf []byte, i int, t wire.Type, depth int) (int, error) {
	if depth > MaxDepth {
		return i, depthError()
	}
	if fs := t.FixedSize(); fs > 0 {
		if len(buf)-i < fs {
			return i, truncated(i, fs)
		}
		return i + fs, nil
	}
	switch t {
	case wire.String:
		n, i, err := readLength(buf, i, 1)
		return i + n, err
	case wire.Struct:
		for {
			if i >= len(buf) {
				return i, truncated(i, 1)
			}
			ft := wire.Type(buf[i])
			if ft == wire.Stop {
				return i + 1, nil
			}
			if !ft.Valid() {
				return i, unknownType(ft, i)
			}
			if len(buf)-i < 3 {
				return i, truncated(i, 3)
			}
			var err error
			if i, err = skip(buf, i+3, ft, depth+1); err != nil {
				return i, err
			}
		}
	case wire.List, wire.Set:
		if len(buf)-i < 5 {
			return i, truncated(i, 5)
		}
		et := wire.Type(buf[i])
		n, i, err := readCount(buf, i+1, et, 0)
		if err != nil || n == 0 {
			return i, err
		}
		if fs := et.FixedSize(); fs > 0 {
			return i + n*fs, nil // readCount checked the bytes are there
		}
		for ; n > 0; n-- {
			if i, err = skip(buf, i, et, depth+1); err != nil {
				return i, err
			}
		}
		return i, nil
	case wire.Map:
		if len(buf)-i < 6 {
			return i, truncated(i, 6)
		}
		kt, vt := wire.Type(buf[i]), wire.Type(buf[i+1])
		n, i, err := readCount(buf, i+2, kt, vt)
		if err != nil || n == 0 {
			return i, err
		}
		if kf, vf := kt.FixedSize(), vt.FixedSize(); kf > 0 && vf > 0 {
			return i + n*(kf+vf), nil
		}
		for ; n > 0; n-- {
			if i, err = skip(buf, i, kt, depth+1); err != nil {
				return i, err
			}
			if i, err = skip(buf, i, vt, depth+1); err != nil {
				return i, err
			}
		}
		return i, nil
	}
	return i, unknownType(t, i)
}

// readLength reads the i32 length of a string or binary at buf[i] and checks
// that n*unit bytes follow it.
func readLength(buf []byte, i, unit int) (n, next int, err error) {
	if len(buf)-i < 4 {
		return 0, i, truncated(i, 4)
	}
	l := int32(binary.BigEndian.Uint32(buf[i:]))
	if l < 0 {
		return 0, i, wire.Errorf(wire.ErrNegativeSize, "length "+strconv.Itoa(int(l))+" at offset "+strconv.Itoa(i))
	}
	i += 4
	if int(l) > (len(buf)-i)/unit {
		return 0, i, wire.Errorf(wire.ErrTruncated, "length "+strconv.Itoa(int(l))+" at offset "+strconv.Itoa(i-4)+
			" but "+strconv.Itoa(len(buf)-i)+" bytes remain")
	}
	return int(l), i, nil
}

// readCount reads the i32 element count of a container at buf[i] whose
// elements are of wire types kt (and vt, for maps; 0 otherwise). It checks
// the types when the count is not zero, and that the remaining bytes can
// hold that many of the smallest such elements, before anything is
// allocated for them.
func readCount(buf []byte, i int, kt, vt wire.Type) (n, next int, err error) {
	if len(buf)-i < 4 {
		return 0, i, truncated(i, 4)
	}
	c := int32(binary.BigEndian.Uint32(buf[i:]))
	if c < 0 {
		return 0, i, wire.Errorf(wire.ErrNegativeSize, "count "+strconv.Itoa(int(c))+" at offset "+strconv.Itoa(i))
	}
	i += 4
	if c == 0 {
		return 0, i, nil
	}
	min := kt.MinSize()
	if min == 0 {
		return 0, i, unknownType(kt, i-5)
	}
	if vt != 0 {
		if vt.MinSize() == 0 {
			return 0, i, unknownType(vt, i-5)
		}
		min += vt.MinSize()
	}
	if int(c) > (len(buf)-i)/min {
		return 0, i, wire.Errorf(wire.ErrTruncated, "count "+strconv.Itoa(int(c))+" at offset "+strconv.Itoa(i-4)+
			" but "+strconv.Itoa(len(buf)-i)+" bytes remain")
	}
	return int(c), i, nil
}

func truncated(i, need int) error {
	return wire.Errorf(wire.ErrTruncated, "need "+strconv.Itoa(need)+" bytes at offset "+strconv.Itoa(i))
}

func unknownType(t wire.Type, i int) error {
	return wire.Errorf(wire.ErrUnknownType, "type id "+strconv.Itoa(int(t))+" at offset "+strconv.Itoa(i))
}

func depthError() error {
	return wire.Errorf(wire.ErrDepthLimit, "nesting deeper than "+strconv.Itoa(MaxDepth))
}
