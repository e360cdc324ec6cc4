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
	r[ir.ShapeInt8] = mapCoder{sizeMap[K, int8], encoderOf[K, int8](ks, ir.ShapeInt8)}
	r[ir.ShapeInt16] = mapCoder{sizeMap[K, int16], encoderOf[K, int16](ks, ir.ShapeInt16)}
	r[ir.ShapeInt32] = mapCoder{sizeMap[K, int32], encoderOf[K, int32](ks, ir.ShapeInt32)}
	r[ir.ShapeInt64] = mapCoder{sizeMap[K, int64], encoderOf[K, int64](ks, ir.ShapeInt64)}
	r[ir.ShapeString] = mapCoder{sizeMap[K, string], encoderOf[K, string](ks, ir.ShapeString)}
	r[ir.ShapeSlice] = mapCoder{sizeMap[K, []byte], encoderOf[K, []byte](ks, ir.ShapeSlice)}
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

// encoderOf returns encodeMap for maps of K to V, whose shapes are ks and
// vs.
func encoderOf[K comparable, V any](ks, vs ir.Shape) func(dr *driver, slot unsafe.Pointer, pos, kw, vw int) int {
	return func(dr *driver, slot unsafe.Pointer, pos, kw, vw int) int {
		return encodeMap[K, V](dr, slot, pos, ks, vs, kw, vw)
	}
}

// encodeMap writes the entries of the map at slot from pos, as many as the
// header the program wrote before counts, and returns the position after
// them, or failed after recording an error.
func encodeMap[K comparable, V any](dr *driver, slot unsafe.Pointer, pos int, ks, vs ir.Shape, kw, vw int) int {
	m := *(*map[K]V)(slot)
	want := len(m) // the program wrote this count in the header just before
	i := 0
	for k, v := range m {
		if i == want {
			break
		}
		if pos = dr.put(unsafe.Pointer(&k), ks, kw, pos); pos < 0 {
			return pos
		}
		if pos = dr.put(unsafe.Pointer(&v), vs, vw, pos); pos < 0 {
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

// put writes the value at p, of Go shape s, at pos as the wire type of
// width w (0: a string or binary) and returns the position after it, or -1
// after recording an error. The shape is a small integer known per map, so
// this switch costs less per entry than a type switch on an interface.
func (dr *driver) put(p unsafe.Pointer, s ir.Shape, w, pos int) int {
	switch s {
	case ir.ShapeInt8:
		return dr.putFixed(uint64(*(*int8)(p)), w, pos)
	case ir.ShapeInt16:
		return dr.putFixed(uint64(*(*int16)(p)), w, pos)
	case ir.ShapeInt32:
		return dr.putFixed(uint64(*(*int32)(p)), w, pos)
	case ir.ShapeInt64:
		return dr.putFixed(uint64(*(*int64)(p)), w, pos)
	case ir.ShapeFloat64:
		return dr.putFixed(math.Float64bits(*(*float64)(p)), w, pos)
	case ir.ShapeString:
		str := *(*string)(p)
		return dr.putBytes(unsafe.Slice(unsafe.StringData(str), len(str)), pos)
	case ir.ShapeSlice:
		return dr.putBytes(*(*[]byte)(p), pos)
	}
	panic("interp: a map entry of shape " + strconv.Itoa(int(s)))
}

// putFixed writes u's low w bytes (1, 2, 4 or 8) big-endian at pos and
// returns the position after them, or -1 after recording ErrShortBuffer.
func (dr *driver) putFixed(u uint64, w, pos int) int {
	out := dr.out
	if len(out)-pos < w {
		return dr.short(pos)
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

// putBytes writes b with its length at pos and returns the position after
// it, or -1 after recording an error: ErrShortBuffer when out has no room,
// ErrInvalidValue for bytes longer than an i32 counts. Bytes of
// wire.NocopyThreshold or more go to the NocopyWriter when there is one,
// as the programs hand them.
func (dr *driver) putBytes(b []byte, pos int) int {
	out := dr.out
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
