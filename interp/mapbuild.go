package interp

import (
	"reflect"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
)

// mapScratch holds the keys and values of a map being decoded until the
// driver inserts them; addrs is what the program reads: the address of
// the keys' array, then of the values'.
type mapScratch struct {
	addrs [2]unsafe.Pointer
	// typed holds the arrays as []K and []V of the map's shapes (see
	// mapBuilders); keys and vals hold them as reflect values where the
	// shapes have no generic code.
	typed      any
	keys, vals reflect.Value
	t          *ir.Type
	shapes     [2]ir.Shape // of the key and the value, for typed
	insert     func(s *mapScratch, slot unsafe.Pointer, n int)
}

// mapBuilders make scratch for, and insert, the entries of maps by key
// shape and value shape: a map of any Go type of those shapes is made as
// the generic instantiation's map type (equal in layout, hashing and
// pointer map, as ir.Shape explains). nil entries fall back to reflect.
var mapBuilders [ir.ShapeSlice + 1][ir.ShapeSlice + 1]func(s *mapScratch, n int)

func init() {
	builderRow[int8](ir.ShapeInt8)
	builderRow[int16](ir.ShapeInt16)
	builderRow[int32](ir.ShapeInt32)
	builderRow[int64](ir.ShapeInt64)
	builderRow[float64](ir.ShapeFloat64)
	builderRow[string](ir.ShapeString)
	builderRow[unsafe.Pointer](ir.ShapePointer)
}

func builderRow[K comparable](ks ir.Shape) {
	r := &mapBuilders[ks]
	r[ir.ShapeInt8] = makeScratch[K, int8]
	r[ir.ShapeInt16] = makeScratch[K, int16]
	r[ir.ShapeInt32] = makeScratch[K, int32]
	r[ir.ShapeInt64] = makeScratch[K, int64]
	r[ir.ShapeString] = makeScratch[K, string]
	r[ir.ShapePointer] = makeScratch[K, unsafe.Pointer]
	r[ir.ShapeSlice] = makeScratch[K, []byte]
}

// newScratch returns scratch for n entries of the map type t, pushed on
// the driver's stack of maps being decoded.
func (dr *driver) newScratch(t *ir.Type, n int) *mapScratch {
	shapes := [2]ir.Shape{ir.KeyShape(t.Key), ir.ValueShape(t.Elem)}
	// A spare scratch of the same shapes has arrays to use again.
	var s *mapScratch
	for k := len(dr.spare) - 1; k >= 0; k-- {
		if c := dr.spare[k]; c.shapes == shapes {
			s = c
			dr.spare = append(dr.spare[:k], dr.spare[k+1:]...)
			break
		}
	}
	if s == nil {
		s = new(mapScratch)
	}
	s.t, s.shapes = t, shapes
	if build := mapBuilders[shapes[0]][shapes[1]]; build != nil {
		build(s, n)
	} else {
		s.keys = reflect.MakeSlice(reflect.SliceOf(t.Value.Key()), n, n)
		s.vals = reflect.MakeSlice(reflect.SliceOf(t.Value.Elem()), n, n)
		s.addrs = [2]unsafe.Pointer{s.keys.UnsafePointer(), s.vals.UnsafePointer()}
		s.insert = insertReflect
	}
	dr.scratch = append(dr.scratch, s)
	return s
}

// shapeArrays are a map's keys and values while it is decoded.
type shapeArrays[K comparable, V any] struct {
	keys []K
	vals []V
}

func makeScratch[K comparable, V any](s *mapScratch, n int) {
	a, _ := s.typed.(*shapeArrays[K, V])
	if a == nil || cap(a.keys) < n {
		a = &shapeArrays[K, V]{keys: make([]K, n), vals: make([]V, n)}
		s.typed = a
	}
	a.keys, a.vals = a.keys[:n], a.vals[:n]
	s.addrs = [2]unsafe.Pointer{unsafe.Pointer(unsafe.SliceData(a.keys)), unsafe.Pointer(unsafe.SliceData(a.vals))}
	s.insert = insertShape[K, V]
}

// insertShape stores at slot a new map of the scratch's first n entries,
// and clears them: the scratch is used again, and must not keep the
// decoded values alive.
func insertShape[K comparable, V any](s *mapScratch, slot unsafe.Pointer, n int) {
	a := s.typed.(*shapeArrays[K, V])
	m := make(map[K]V, n)
	for i := 0; i < n; i++ {
		m[a.keys[i]] = a.vals[i]
	}
	*(*map[K]V)(slot) = m
	clear(a.keys)
	clear(a.vals)
	if cap(a.keys) > maxSpareEntries {
		s.typed = nil // a pooled driver should not hold on to a huge map's arrays
	}
}

// maxSpareEntries bounds the scratch a driver keeps for the next map.
const maxSpareEntries = 1 << 10

func insertReflect(s *mapScratch, slot unsafe.Pointer, n int) {
	m := reflect.MakeMapWithSize(s.t.Value, n)
	for j := 0; j < n; j++ {
		m.SetMapIndex(s.keys.Index(j), s.vals.Index(j))
	}
	*(*unsafe.Pointer)(slot) = m.UnsafePointer()
	s.keys, s.vals = reflect.Value{}, reflect.Value{}
}
