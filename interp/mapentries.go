package interp

import (
	"unsafe"

	"github.com/frugaljit/frugal/ir"
)

// entryCopiers copy a map's entries into a buffer with Go's own map
// iteration, by key shape and value shape (see ir.Shape): a map of any Go
// type of those shapes is read as the generic instantiation's map type.
// nil entries fall back to package reflect.
var entryCopiers [ir.ShapeSlice + 1][ir.ShapeSlice + 1]func(b *mapBuffer, slot unsafe.Pointer)

func init() {
	copierRow[int8](ir.ShapeInt8)
	copierRow[int16](ir.ShapeInt16)
	copierRow[int32](ir.ShapeInt32)
	copierRow[int64](ir.ShapeInt64)
	copierRow[float64](ir.ShapeFloat64)
	copierRow[string](ir.ShapeString)
	copierRow[unsafe.Pointer](ir.ShapePointer)
}

func copierRow[K comparable](ks ir.Shape) {
	r := &entryCopiers[ks]
	r[ir.ShapeInt8] = copyEntries[K, int8]
	r[ir.ShapeInt16] = copyEntries[K, int16]
	r[ir.ShapeInt32] = copyEntries[K, int32]
	r[ir.ShapeInt64] = copyEntries[K, int64]
	r[ir.ShapeString] = copyEntries[K, string]
	r[ir.ShapePointer] = copyEntries[K, unsafe.Pointer]
	r[ir.ShapeSlice] = copyEntries[K, []byte]
}

// shapeSlices holds a buffer's typed storage.
type shapeSlices[K comparable, V any] struct {
	keys []K
	vals []V
}

// copyEntries copies the entries of the map at slot, read as map[K]V, into
// b, and lists their addresses in b.pairs.
func copyEntries[K comparable, V any](b *mapBuffer, slot unsafe.Pointer) {
	m := *(*map[K]V)(slot)
	s, _ := b.typed.(*shapeSlices[K, V])
	if s == nil || len(s.keys) < len(m) {
		size := max(len(m), 8)
		s = &shapeSlices[K, V]{keys: make([]K, size), vals: make([]V, size)}
		b.typed, b.clearTyped = s, clearEntries[K, V]
	}
	i := 0
	for k, v := range m {
		if i == len(s.keys) {
			break // the map grew while being encoded: the count check catches it
		}
		s.keys[i], s.vals[i] = k, v
		i++
	}
	b.used = i
	b.pairs = b.pairs[:0]
	for j := 0; j < i; j++ {
		b.pairs = append(b.pairs, unsafe.Pointer(&s.keys[j]), unsafe.Pointer(&s.vals[j]))
	}
}

// clearEntries drops the copied entries, so that the buffer does not keep
// the caller's values alive.
func clearEntries[K comparable, V any](b *mapBuffer) {
	s := b.typed.(*shapeSlices[K, V])
	clear(s.keys[:b.used])
	clear(s.vals[:b.used])
}
