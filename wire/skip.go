package wire

import (
	"encoding/binary"
	"strconv"
)

// Skip steps over one value of wire type t starting at buf[i], checking
// every length against the bytes that remain, and returns the offset after
// it. depth is the nesting level of the value; deeper than maxDepth is
// ErrDepthLimit.
func Skip(buf []byte, i int, t Type, depth, maxDepth int) (int, error) {
	if depth > maxDepth {
		return i, depthError(maxDepth)
	}
	if fs := t.FixedSize(); fs > 0 {
		if len(buf)-i < fs {
			return i, Truncated(i, fs)
		}
		return i + fs, nil
	}
	switch t {
	case String:
		n, i, err := ReadLength(buf, i, 1)
		return i + n, err
	case Struct:
		for {
			if i >= len(buf) {
				return i, Truncated(i, 1)
			}
			ft := Type(buf[i])
			if ft == Stop {
				return i + 1, nil
			}
			if !ft.Valid() {
				return i, UnknownType(ft, i)
			}
			if len(buf)-i < 3 {
				return i, Truncated(i, 3)
			}
			var err error
			if i, err = Skip(buf, i+3, ft, depth+1, maxDepth); err != nil {
				return i, err
			}
		}
	case List, Set:
		if len(buf)-i < 5 {
			return i, Truncated(i, 5)
		}
		et := Type(buf[i])
		n, i, err := ReadCount(buf, i+1, et, 0)
		if err != nil || n == 0 {
			return i, err
		}
		if fs := et.FixedSize(); fs > 0 {
			return i + n*fs, nil // readCount checked the bytes are there
		}
		for ; n > 0; n-- {
			if i, err = Skip(buf, i, et, depth+1, maxDepth); err != nil {
				return i, err
			}
		}
		return i, nil
	case Map:
		if len(buf)-i < 6 {
			return i, Truncated(i, 6)
		}
		kt, vt := Type(buf[i]), Type(buf[i+1])
		n, i, err := ReadCount(buf, i+2, kt, vt)
		if err != nil || n == 0 {
			return i, err
		}
		if kf, vf := kt.FixedSize(), vt.FixedSize(); kf > 0 && vf > 0 {
			return i + n*(kf+vf), nil
		}
		for ; n > 0; n-- {
			if i, err = Skip(buf, i, kt, depth+1, maxDepth); err != nil {
				return i, err
			}
			if i, err = Skip(buf, i, vt, depth+1, maxDepth); err != nil {
				return i, err
			}
		}
		return i, nil
	}
	return i, UnknownType(t, i)
}

// ReadLength reads the i32 length of a string or binary at buf[i] and checks
// that n*unit bytes follow it.
func ReadLength(buf []byte, i, unit int) (n, next int, err error) {
	if len(buf)-i < 4 {
		return 0, i, Truncated(i, 4)
	}
	l := int32(binary.BigEndian.Uint32(buf[i:]))
	if l < 0 {
		return 0, i, Errorf(ErrNegativeSize, "length "+strconv.Itoa(int(l))+" at offset "+strconv.Itoa(i))
	}
	i += 4
	if int(l) > (len(buf)-i)/unit {
		return 0, i, Errorf(ErrTruncated, "length "+strconv.Itoa(int(l))+" at offset "+strconv.Itoa(i-4)+
			" but "+strconv.Itoa(len(buf)-i)+" bytes remain")
	}
	return int(l), i, nil
}

// ReadCount reads the i32 element count of a container at buf[i] whose
// elements are of wire types kt (and vt, for maps; 0 otherwise). It checks
// the types when the count is not zero, and that the remaining bytes can
// hold that many of the smallest such elements, before anything is
// allocated for them.
func ReadCount(buf []byte, i int, kt, vt Type) (n, next int, err error) {
	if len(buf)-i < 4 {
		return 0, i, Truncated(i, 4)
	}
	c := int32(binary.BigEndian.Uint32(buf[i:]))
	if c < 0 {
		return 0, i, Errorf(ErrNegativeSize, "count "+strconv.Itoa(int(c))+" at offset "+strconv.Itoa(i))
	}
	i += 4
	if c == 0 {
		return 0, i, nil
	}
	min := kt.MinSize()
	if min == 0 {
		return 0, i, UnknownType(kt, i-5)
	}
	if vt != 0 {
		if vt.MinSize() == 0 {
			return 0, i, UnknownType(vt, i-5)
		}
		min += vt.MinSize()
	}
	if int(c) > (len(buf)-i)/min {
		return 0, i, Errorf(ErrTruncated, "count "+strconv.Itoa(int(c))+" at offset "+strconv.Itoa(i-4)+
			" but "+strconv.Itoa(len(buf)-i)+" bytes remain")
	}
	return int(c), i, nil
}

// Truncated is the error for a read of need bytes at offset i past the end.
func Truncated(i, need int) error {
	return Errorf(ErrTruncated, "need "+strconv.Itoa(need)+" bytes at offset "+strconv.Itoa(i))
}

// MapChanged is the error for a map whose entries, as iterated while it
// was encoded, are not as many as its length, written before them: it
// changed meanwhile, which only a data race does. path is where, as far as
// the caller knows it.
func MapChanged(path string) *Error {
	return &Error{Class: ErrInvalidValue, Path: path, Detail: "a map changed while it was encoded (a data race?): its entries and its length disagree"}
}

// UnknownType is the error for an undefined type id t at offset i.
func UnknownType(t Type, i int) error {
	return Errorf(ErrUnknownType, "type id "+strconv.Itoa(int(t))+" at offset "+strconv.Itoa(i))
}

func depthError(maxDepth int) error {
	return Errorf(ErrDepthLimit, "nesting deeper than "+strconv.Itoa(maxDepth))
}

// MaxDepth is how deep every engine lets structs and containers nest, and
// skipped values with them: the reflect codec's rule, which the others
// follow level for level.
const MaxDepth = 1023
