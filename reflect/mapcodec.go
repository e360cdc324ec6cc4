package reflect

import (
	"encoding/binary"
	"math"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// mapOps sizes, encodes and decodes the entries of maps of one shape pair.
type mapOps struct {
	size   func(t *ir.Type, p unsafe.Pointer, depth int) int
	encode func(e *encoder, t *ir.Type, p unsafe.Pointer, i, depth int) (int, error)
	decode func(d *decoder, t *ir.Type, p unsafe.Pointer, n, i, depth int) (int, error)
}

// mapOpsTable holds the generic instantiations by key shape and value shape;
// nil entries fall back to package reflect.
var mapOpsTable [ir.ShapeSlice + 1][ir.ShapeSlice + 1]*mapOps

func init() {
	reflectMapOps = &mapOps{size: sizeMapReflect, encode: encodeMapReflect, decode: decodeMapReflect}
	mapRow[int8](ir.ShapeInt8)
	mapRow[int16](ir.ShapeInt16)
	mapRow[int32](ir.ShapeInt32)
	mapRow[int64](ir.ShapeInt64)
	mapRow[float64](ir.ShapeFloat64)
	mapRow[string](ir.ShapeString)
	mapRow[unsafe.Pointer](ir.ShapePointer)
}

func mapRow[K comparable](ks ir.Shape) {
	r := &mapOpsTable[ks]
	r[ir.ShapeInt8] = opsFor[K, int8]()
	r[ir.ShapeInt16] = opsFor[K, int16]()
	r[ir.ShapeInt32] = opsFor[K, int32]()
	r[ir.ShapeInt64] = opsFor[K, int64]()
	r[ir.ShapeString] = opsFor[K, string]()
	r[ir.ShapePointer] = opsFor[K, unsafe.Pointer]()
	r[ir.ShapeSlice] = opsFor[K, []byte]()
}

func opsFor[K comparable, V any]() *mapOps {
	return &mapOps{size: sizeMapKV[K, V], encode: encodeMapKV[K, V], decode: decodeMapKV[K, V]}
}

// reflectMapOps handles the shapes without a generic instantiation (set in
// init: the functions reach back to mapOpsOf).
var reflectMapOps *mapOps

func mapOpsOf(t *ir.Type) *mapOps {
	if ops := mapOpsTable[ir.KeyShape(t.Key)][ir.ValueShape(t.Elem)]; ops != nil {
		return ops
	}
	return reflectMapOps
}

// mapSize returns the encoded size of the map's entries (not its header).
func mapSize(t *ir.Type, p unsafe.Pointer, depth int) int {
	return mapOpsOf(t).size(t, p, depth)
}

func encodeMap(e *encoder, t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	return mapOpsOf(t).encode(e, t, p, i, depth)
}

func decodeMapEntries(d *decoder, t *ir.Type, p unsafe.Pointer, n, i, depth int) (int, error) {
	return mapOpsOf(t).decode(d, t, p, n, i, depth)
}

// mapHeader writes a map header for n entries.
func (e *encoder) mapHeader(t *ir.Type, n, i int) (int, error) {
	if n > math.MaxInt32 {
		return i, wire.Errorf(wire.ErrInvalidValue, "map of "+strconv.Itoa(n)+" entries")
	}
	if len(e.buf)-i < 6 {
		return i, shortBuffer(i, 6)
	}
	e.buf[i] = byte(t.Key.Wire)
	e.buf[i+1] = byte(t.Elem.Wire)
	binary.BigEndian.PutUint32(e.buf[i+2:], uint32(n))
	return i + 6, nil
}

func sizeMapKV[K comparable, V any](t *ir.Type, p unsafe.Pointer, depth int) int {
	m := *(*map[K]V)(p)
	if kf, vf := t.Key.FixedSize, t.Elem.FixedSize; kf > 0 && vf > 0 {
		return len(m) * (kf + vf)
	}
	n := 0
	for k, v := range m {
		n += elemSize(t.Key, noescape(unsafe.Pointer(&k)), depth) + elemSize(t.Elem, noescape(unsafe.Pointer(&v)), depth)
	}
	return n
}

func encodeMapKV[K comparable, V any](e *encoder, t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	m := *(*map[K]V)(p)
	want := len(m)
	i, err := e.mapHeader(t, want, i)
	if err != nil {
		return i, err
	}
	n := 0
	for k, v := range m {
		if n++; n > want {
			break
		}
		if i, err = e.elem(t.Key, noescape(unsafe.Pointer(&k)), i, depth); err != nil {
			return i, wire.InField(err, "[key]")
		}
		if i, err = e.elem(t.Elem, noescape(unsafe.Pointer(&v)), i, depth); err != nil {
			return i, wire.InField(err, "[value]")
		}
	}
	if n != want {
		return i, wire.MapChanged("")
	}
	return i, nil
}

func decodeMapKV[K comparable, V any](d *decoder, t *ir.Type, p unsafe.Pointer, n, i, depth int) (int, error) {
	m := make(map[K]V, n)
	*(*map[K]V)(p) = m
	kb, vb := d.batchFor(t.Key, n), d.batchFor(t.Elem, n)
	var err error
	for j := 0; j < n; j++ {
		var k K
		var v V
		if i, err = d.entryPart(t.Key, noescape(unsafe.Pointer(&k)), kb, j, i, depth); err != nil {
			return i, wire.InField(err, "[key]")
		}
		if i, err = d.entryPart(t.Elem, noescape(unsafe.Pointer(&v)), vb, j, i, depth); err != nil {
			return i, wire.InField(err, "[value]")
		}
		m[k] = v
	}
	return i, nil
}

// batchFor allocates the structs of n map keys or values at once when they
// are struct pointers, or returns nil.
func (d *decoder) batchFor(t *ir.Type, n int) unsafe.Pointer {
	if !t.Pointer || n == 0 {
		return nil
	}
	b, _ := d.typedSlice(t.Batch, n)
	return b
}

// entryPart decodes the j-th key or value of a map into the slot at p,
// taking struct memory from batch when it is not nil.
func (d *decoder) entryPart(t *ir.Type, p, batch unsafe.Pointer, j, i, depth int) (int, error) {
	if batch == nil {
		return d.inline(t, p, i, depth, false)
	}
	q := unsafe.Add(batch, uintptr(j)*t.Size)
	*(*unsafe.Pointer)(p) = q
	if t.Struct.InitDefault != nil {
		t.Struct.CallInitDefault(q)
	}
	return d.structv(t.Struct, q, i, depth)
}

// mapAt returns the map in the slot at p as a reflect.Value.
func mapAt(t *ir.Type, p unsafe.Pointer) reflect.Value {
	return reflect.NewAt(t.Value, noescape(p)).Elem()
}

func sizeMapReflect(t *ir.Type, p unsafe.Pointer, depth int) int {
	m := mapAt(t, p)
	if kf, vf := t.Key.FixedSize, t.Elem.FixedSize; kf > 0 && vf > 0 {
		return m.Len() * (kf + vf)
	}
	k, v := reflect.New(t.Value.Key()).Elem(), reflect.New(t.Value.Elem()).Elem()
	var it reflect.MapIter
	it.Reset(m)
	n := 0
	for it.Next() {
		k.SetIterKey(&it)
		v.SetIterValue(&it)
		n += valueSize(t.Key, k.Addr().UnsafePointer(), depth) + valueSize(t.Elem, v.Addr().UnsafePointer(), depth)
	}
	return n
}

func encodeMapReflect(e *encoder, t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	m := mapAt(t, p)
	want := m.Len()
	i, err := e.mapHeader(t, want, i)
	if err != nil {
		return i, err
	}
	k, v := reflect.New(t.Value.Key()).Elem(), reflect.New(t.Value.Elem()).Elem()
	var it reflect.MapIter
	it.Reset(m)
	n := 0
	for it.Next() {
		if n++; n > want {
			break
		}
		k.SetIterKey(&it)
		v.SetIterValue(&it)
		if i, err = e.value(t.Key, k.Addr().UnsafePointer(), i, depth); err != nil {
			return i, wire.InField(err, "[key]")
		}
		if i, err = e.value(t.Elem, v.Addr().UnsafePointer(), i, depth); err != nil {
			return i, wire.InField(err, "[value]")
		}
	}
	if n != want {
		return i, wire.MapChanged("")
	}
	return i, nil
}

func decodeMapReflect(d *decoder, t *ir.Type, p unsafe.Pointer, n, i, depth int) (int, error) {
	m := reflect.MakeMapWithSize(t.Value, n)
	*(*unsafe.Pointer)(p) = m.UnsafePointer()
	k, v := reflect.New(t.Value.Key()).Elem(), reflect.New(t.Value.Elem()).Elem()
	kb, vb := d.batchFor(t.Key, n), d.batchFor(t.Elem, n)
	var err error
	for j := 0; j < n; j++ {
		k.SetZero()
		v.SetZero()
		if i, err = d.entryPart(t.Key, k.Addr().UnsafePointer(), kb, j, i, depth); err != nil {
			return i, wire.InField(err, "[key]")
		}
		if i, err = d.entryPart(t.Elem, v.Addr().UnsafePointer(), vb, j, i, depth); err != nil {
			return i, wire.InField(err, "[value]")
		}
		m.SetMapIndex(k, v)
	}
	return i, nil
}
