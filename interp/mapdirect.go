package interp

import (
	"encoding/binary"
	"math"
	"strconv"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// mapOut is what encoding map entries writes to: the output, the
// NocopyWriter (nil for none), and the error of a failed write. The driver
// holds one; DirectMapEncode makes one for a call.
type mapOut struct {
	out []byte              // encode: the output buffer
	w   thrift.NocopyWriter // encode: takes large strings, or nil
	err error               // the error an exit recorded before the function returned -1
}

// DirectMapSize returns the encoded size of the entries of the map of
// type t (ir.DirectMap) at slot, an address as programs hold it: it serves
// ExitMapSize, which needs no driver.
func DirectMapSize(t *ir.Type, slot uint64) int {
	return mapSizers[ir.KeyShape(t.Key)][ir.ValueShape(t.Elem)](pointer(slot), t.Key.Wire.FixedSize(), t.Elem.Wire.FixedSize())
}

// DirectMapEncode writes the entries of the map of type t (ir.DirectMap)
// at slot (an address as programs hold it) into out from pos, with the
// driver's contract for ExitMapEncode (strings of wire.NocopyThreshold
// bytes or more to w when it is not nil), and returns the position after
// them, or -1 and the error. It needs no driver, so a call whose only
// exits are its maps takes none from a pool.
func DirectMapEncode(out []byte, w thrift.NocopyWriter, t *ir.Type, slot uint64, pos int) (int, error) {
	mo := mapOut{out: out, w: w}
	n := mo.encodeDirect(t, pointer(slot), pos)
	return n, mo.err
}

// mapSizers size the entries of direct maps by key shape and value shape,
// with Go's own iteration: no copy of the entries, no program per entry.
var mapSizers [ir.ShapeSlice + 1][ir.ShapeSlice + 1]func(slot unsafe.Pointer, kw, vw int) int

func init() {
	sizerRow[int8](ir.ShapeInt8)
	sizerRow[int16](ir.ShapeInt16)
	sizerRow[int32](ir.ShapeInt32)
	sizerRow[int64](ir.ShapeInt64)
	sizerRow[float64](ir.ShapeFloat64)
	sizerRow[string](ir.ShapeString)
}

func sizerRow[K comparable](ks ir.Shape) {
	r := &mapSizers[ks]
	r[ir.ShapeInt8], r[ir.ShapeInt16], r[ir.ShapeInt32] = sizeMap[K, int8], sizeMap[K, int16], sizeMap[K, int32]
	r[ir.ShapeInt64], r[ir.ShapeString], r[ir.ShapeSlice] = sizeMap[K, int64], sizeMap[K, string], sizeMap[K, []byte]
}

// encodeDirect writes the entries of the direct map of type t at slot from
// pos (see encodeMap). It picks the instantiation by switches, not through
// a table of func values: a call through one would make escape analysis
// move every mapOut, and DirectMapEncode's with it, to the heap.
func (mo *mapOut) encodeDirect(t *ir.Type, slot unsafe.Pointer, pos int) int {
	ks, vs := ir.KeyShape(t.Key), ir.ValueShape(t.Elem)
	kw, vw := t.Key.Wire.FixedSize(), t.Elem.Wire.FixedSize()
	switch ks {
	case ir.ShapeInt8:
		return encodeKeyed[int8](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt16:
		return encodeKeyed[int16](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt32:
		return encodeKeyed[int32](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt64:
		return encodeKeyed[int64](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeFloat64:
		return encodeKeyed[float64](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeString:
		return encodeKeyed[string](mo, slot, pos, ks, vs, kw, vw)
	}
	panic("interp: a direct map with keys of shape " + strconv.Itoa(int(ks)))
}

func encodeKeyed[K comparable](mo *mapOut, slot unsafe.Pointer, pos int, ks, vs ir.Shape, kw, vw int) int {
	switch vs {
	case ir.ShapeInt8:
		return encodeMap[K, int8](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt16:
		return encodeMap[K, int16](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt32:
		return encodeMap[K, int32](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeInt64:
		return encodeMap[K, int64](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeString:
		return encodeMap[K, string](mo, slot, pos, ks, vs, kw, vw)
	case ir.ShapeSlice:
		return encodeMap[K, []byte](mo, slot, pos, ks, vs, kw, vw)
	}
	panic("interp: a direct map with values of shape " + strconv.Itoa(int(vs)))
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
func encodeMap[K comparable, V any](mo *mapOut, slot unsafe.Pointer, pos int, ks, vs ir.Shape, kw, vw int) int {
	m := *(*map[K]V)(slot)
	want := len(m) // the program wrote this count in the header just before
	i := 0
	for k, v := range m {
		if i == want {
			break
		}
		if pos = mo.put(unsafe.Pointer(&k), ks, kw, pos); pos < 0 {
			return pos
		}
		if pos = mo.put(unsafe.Pointer(&v), vs, vw, pos); pos < 0 {
			return pos
		}
		i++
	}
	if i < want {
		mo.err = wire.MapChanged("")
		return -1
	}
	return pos
}

// put writes the value at p, of Go shape s, at pos as the wire type of
// width w (0: a string or binary) and returns the position after it, or -1
// after recording an error. The shape is a small integer known per map, so
// this switch costs less per entry than a type switch on an interface.
func (mo *mapOut) put(p unsafe.Pointer, s ir.Shape, w, pos int) int {
	switch s {
	case ir.ShapeInt8:
		return mo.putFixed(uint64(*(*int8)(p)), w, pos)
	case ir.ShapeInt16:
		return mo.putFixed(uint64(*(*int16)(p)), w, pos)
	case ir.ShapeInt32:
		return mo.putFixed(uint64(*(*int32)(p)), w, pos)
	case ir.ShapeInt64:
		return mo.putFixed(uint64(*(*int64)(p)), w, pos)
	case ir.ShapeFloat64:
		return mo.putFixed(math.Float64bits(*(*float64)(p)), w, pos)
	case ir.ShapeString:
		str := *(*string)(p)
		return mo.putBytes(unsafe.Slice(unsafe.StringData(str), len(str)), pos)
	case ir.ShapeSlice:
		return mo.putBytes(*(*[]byte)(p), pos)
	}
	panic("interp: a map entry of shape " + strconv.Itoa(int(s)))
}

// putFixed writes u's low w bytes (1, 2, 4 or 8) big-endian at pos and
// returns the position after them, or -1 after recording ErrShortBuffer.
func (mo *mapOut) putFixed(u uint64, w, pos int) int {
	out := mo.out
	if len(out)-pos < w {
		return mo.short(pos)
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
func (mo *mapOut) putBytes(b []byte, pos int) int {
	out := mo.out
	if len(b) > math.MaxInt32 {
		mo.err = wire.Errorf(wire.ErrInvalidValue, "a string of "+strconv.Itoa(len(b))+" bytes")
		return -1
	}
	if len(out)-pos < 4 {
		return mo.short(pos)
	}
	binary.BigEndian.PutUint32(out[pos:], uint32(len(b)))
	pos += 4
	if mo.w != nil && len(b) >= wire.NocopyThreshold {
		if err := mo.w.WriteDirect(b, len(out)-pos); err != nil {
			mo.err = err
			return -1
		}
		return pos
	}
	if len(out)-pos < len(b) {
		return mo.short(pos)
	}
	return pos + copy(out[pos:], b)
}

// short records ErrShortBuffer at pos, as a program's failed bound check
// does, and returns -1.
func (mo *mapOut) short(pos int) int {
	mo.err = &wire.Error{Class: wire.ErrShortBuffer, Detail: "at offset " + strconv.Itoa(pos) + "; did the value change after EncodedSize?"}
	return -1
}
