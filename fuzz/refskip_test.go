package fuzz

import (
	"encoding/binary"

	"github.com/frugaljit/frugal"
)

// refSkip is a reference reader of the binary protocol, written apart from
// the codec: it steps over one value of wire type t at buf[i], nested at
// level depth (the fields of the outermost struct are at level 1), and
// returns the offset after it, or ok=false when the bytes are not one
// well-formed value. Well-formed means: every type id is one Thrift
// defines, no length or count is negative or runs past the end, and no
// struct, list, set or map sits deeper than frugal.MaxDepth, which is how
// the codec decodes fields it knows. With strict set, scalars and strings
// deeper than MaxDepth are refused too, except the elements of containers
// of fixed-size elements: that is how the codec skips unknown fields (see
// TestKnownDifferences: the two rules differ only at the depth limit).
func refSkip(buf []byte, i int, t byte, depth int, strict bool) (end int, ok bool) {
	if strict && depth > frugal.MaxDepth {
		return i, false
	}
	if n := refFixed(t); n > 0 {
		return i + n, len(buf)-i >= n
	}
	if t == 11 { // string, binary
		n, ok := refCount(buf, i)
		if !ok || n > len(buf)-i-4 {
			return i, false
		}
		return i + 4 + n, true
	}
	if depth > frugal.MaxDepth {
		return i, false
	}
	switch t {
	case 12: // struct
		for {
			if i >= len(buf) {
				return i, false
			}
			ft := buf[i]
			if ft == 0 {
				return i + 1, true
			}
			if len(buf)-i < 3 {
				return i, false
			}
			if i, ok = refSkip(buf, i+3, ft, depth+1, strict); !ok {
				return i, false
			}
		}
	case 13: // map
		if len(buf)-i < 6 {
			return i, false
		}
		kt, vt := buf[i], buf[i+1]
		n, ok := refCount(buf, i+2)
		if !ok {
			return i, false
		}
		i += 6
		if n > 0 && (!refValid(kt) || !refValid(vt)) {
			return i, false
		}
		fixedPair := refFixed(kt) > 0 && refFixed(vt) > 0
		for ; n > 0; n-- {
			if i, ok = refSkip(buf, i, kt, depth+1, strict && !fixedPair); !ok {
				return i, false
			}
			if i, ok = refSkip(buf, i, vt, depth+1, strict && !fixedPair); !ok {
				return i, false
			}
		}
		return i, true
	case 14, 15: // set, list
		if len(buf)-i < 5 {
			return i, false
		}
		et := buf[i]
		n, ok := refCount(buf, i+1)
		if !ok {
			return i, false
		}
		i += 5
		if n > 0 && !refValid(et) {
			return i, false
		}
		for ; n > 0; n-- {
			if i, ok = refSkip(buf, i, et, depth+1, strict && refFixed(et) == 0); !ok {
				return i, false
			}
		}
		return i, true
	}
	return i, false
}

// refFixed is the size of a fixed-size wire type, or 0.
func refFixed(t byte) int {
	switch t {
	case 2, 3: // bool, byte
		return 1
	case 6: // i16
		return 2
	case 8: // i32
		return 4
	case 4, 10: // double, i64
		return 8
	}
	return 0
}

// refValid reports whether t is a value type id.
func refValid(t byte) bool { return refFixed(t) > 0 || t >= 11 && t <= 15 }

// refCount reads a non-negative i32 at buf[i].
func refCount(buf []byte, i int) (int, bool) {
	if len(buf)-i < 4 {
		return 0, false
	}
	n := int32(binary.BigEndian.Uint32(buf[i:]))
	return int(n), n >= 0
}
