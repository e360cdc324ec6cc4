package interp

import (
	"encoding/binary"
	"math"
	"strconv"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// mapCoder sizes and encodes the entries of maps of one pair of key and
// value shapes (ir.DirectMap) with Go's own iteration: no copy of the
// entries, no program per entry.
type mapCoder struct {
	size   func(slot unsafe.Pointer, kw, vw int) int
	encode func(dr *driver, slot unsafe.Pointer, pos, kw, vw int) int
}

// mapCoders are the coders by key shape and value shape.
var mapCoders [ir.ShapeSlice + 1][ir.ShapeSlice + 1]mapCoder

func init() {
	coderRow[int8](ir.ShapeInt8)
	coderRow[int16](ir.ShapeInt16)
	coderRow[int32](ir.ShapeInt32)
	coderRow[int64](ir.ShapeInt64)
	coderRow[float64](ir.ShapeFloat64)
	coderRow[string](ir.ShapeString)
}

func coderRow[K comparable](ks ir.Shape) {
	r := &mapCoders[ks]
	r[ir.ShapeInt8] = mapCoder{sizeMap[K, int8], encodeMap[K, int8]}
	r[ir.ShapeInt16] = mapCoder{sizeMap[K, int16], encodeMap[K, int16]}
	r[ir.ShapeInt32] = mapCoder{sizeMap[K, int32], encodeMap[K, int32]}
	r[ir.ShapeInt64] = mapCoder{sizeMap[K, int64], encodeMap[K, int64]}
	r[ir.ShapeString] = mapCoder{sizeMap[K, string], encodeMap[K, string]}
	r[ir.ShapeSlice] = mapCoder{sizeMap[K, []byte], encodeMap[K, []byte]}
}

// coderOf returns the coder of the map type t (ir.DirectMap) and the wire
// widths of its fixed-size keys and values (0 for strings and binaries).
func coderOf(t *ir.Type) (c mapCoder, kw, vw int) {
	return mapCoders[ir.KeyShape(t.Key)][ir.ValueShape(t.Elem)], t.Key.Wire.FixedSize(), t.Elem.Wire.FixedSize()
}

// sizeMap returns the encoded size of the entries of the map at slot.
func sizeMap[K comparable, V any](slot unsafe.Pointer, kw, vw int) int {
	m := *(*map[K]V)(slot)
	if kw > 0 && vw > 0 {
		return len(m) * (kw + vw)
	}
	n := 0
	for k, v := range m {
		n += sizeOf(&k, kw) + sizeOf(&v, vw)
	}
	return n
}

// sizeOf is the encoded size of *x: its wire width w, or for strings and
// binaries the length's 4 bytes and the bytes.
func sizeOf[T any](x *T, w int) int {
	switch p := any(x).(type) {
	case *string:
		return 4 + len(*p)
	case *[]byte:
		return 4 + len(*p)
	}
	return w
}

// encodeMap writes the entries of the map at slot from pos, as many as the
// header the program wrote before counts, and returns the position after
// them, or failed after recording an error.
func encodeMap[K comparable, V any](dr *driver, slot unsafe.Pointer, pos, kw, vw int) int {
	m := *(*map[K]V)(slot)
	want := len(m) // the program wrote this count in the header just before
	i := 0
	for k, v := range m {
		if i == want {
			break
		}
		if pos = dr.put(&k, kw, pos); pos < 0 {
			return pos
		}
		if pos = dr.put(&v, vw, pos); pos < 0 {
			return pos
		}
		i++
	}
	if i < want {
		dr.err = wire.Errorf(wire.ErrInvalidValue, "a map lost entries while it was encoded")
		return -1
	}
	return pos
}

// put writes *x at pos as the wire type of width w (0: a string or
// binary) and returns the position after it, or -1 after recording an
// error: ErrShortBuffer when out has no room, ErrInvalidValue for a string
// longer than an i32 counts. Strings of wire.NocopyThreshold bytes or more
// go to the NocopyWriter when there is one, as the programs hand them.
func (dr *driver) put(x any, w, pos int) int {
	out := dr.out
	var b []byte
	switch p := x.(type) {
	case *string:
		b = unsafe.Slice(unsafe.StringData(*p), len(*p))
	case *[]byte:
		b = *p
	default:
		if len(out)-pos < w {
			return dr.short(pos)
		}
		var u uint64
		switch p := x.(type) {
		case *int8:
			u = uint64(*p)
		case *int16:
			u = uint64(*p)
		case *int32:
			u = uint64(*p)
		case *int64:
			u = uint64(*p)
		case *float64:
			u = math.Float64bits(*p)
		}
		switch w {
		case 1:
			out[pos] = byte(u)
		case 2:
			binary.BigEndian.PutUint16(out[pos:], uint16(u))
		case 4:
			binary.BigEndian.PutUint32(out[pos:], uint32(u))
		default:
			binary.BigEndian.PutUint64(out[pos:], u)
		}
		return pos + w
	}
	if len(b) > math.MaxInt32 {
		dr.err = wire.Errorf(wire.ErrInvalidValue, "a string of "+strconv.Itoa(len(b))+" bytes")
		return -1
	}
	if len(out)-pos < 4 {
		return dr.short(pos)
	}
	binary.BigEndian.PutUint32(out[pos:], uint32(len(b)))
	pos += 4
	if dr.w != nil && len(b) >= wire.NocopyThreshold {
		if err := dr.w.WriteDirect(b, len(out)-pos); err != nil {
			dr.err = err
			return -1
		}
		return pos
	}
	if len(out)-pos < len(b) {
		return dr.short(pos)
	}
	return pos + copy(out[pos:], b)
}

// short records ErrShortBuffer at pos, as a program's failed bound check
// does, and returns -1.
func (dr *driver) short(pos int) int {
	dr.err = &wire.Error{Class: wire.ErrShortBuffer, Detail: "at offset " + strconv.Itoa(pos) + "; did the value change after EncodedSize?"}
	return -1
}
