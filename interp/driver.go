package interp

import (
	"bytes"
	"reflect"
	"sync"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

// MaxDepth bounds nested calls between struct programs, as the reflect
// codec bounds nesting.
const MaxDepth = 1023

// Size returns the encoded size of the struct at p by running its size
// program.
func Size(d *ir.StructDesc, p unsafe.Pointer) int {
	if p == nil {
		return 1
	}
	dr := &driver{}
	return int(dr.size(d, p))
}

// funcs caches the SSA functions of size programs, per struct.
var funcs sync.Map // *ir.StructDesc -> *ssa.Func

func sizeFunc(d *ir.StructDesc) *ssa.Func {
	if f, ok := funcs.Load(d); ok {
		return f.(*ssa.Func)
	}
	f := ssa.BuildSize(ir.Lower(d, ir.ModeSize, ir.DefaultInlineDepth))
	actual, _ := funcs.LoadOrStore(d, f)
	return actual.(*ssa.Func)
}

// driver serves exits for one top-level run. keep holds the memory it hands
// to the function (map entries), so that it stays alive while only the
// function's uint64 values point at it.
type driver struct {
	keep  []any
	depth int
}

func (dr *driver) size(d *ir.StructDesc, p unsafe.Pointer) uint64 {
	return Run(sizeFunc(d), []uint64{uint64(uintptr(p))}, dr)
}

// Exit implements Exiter.
func (dr *driver) Exit(kind ssa.ExitKind, aux any, args []uint64) uint64 {
	switch kind {
	case ssa.ExitMapLen:
		return uint64(mapAt(aux.(*ir.Type), pointer(args[0])).Len())
	case ssa.ExitMapEntries:
		return dr.mapEntries(aux.(*ir.Type), pointer(args[0]))
	case ssa.ExitCallSize:
		if dr.depth >= MaxDepth {
			return 1 // too deep to encode; encoding reports it
		}
		dr.depth++
		n := dr.size(aux.(*ir.StructDesc), pointer(args[0]))
		dr.depth--
		return n
	case ssa.ExitBytesEqual:
		n := int(args[2])
		return boolean(bytes.Equal(unsafe.Slice((*byte)(pointer(args[0])), n), unsafe.Slice((*byte)(pointer(args[1])), n)))
	}
	panic("interp: unknown exit " + kind.String())
}

func mapAt(t *ir.Type, slot unsafe.Pointer) reflect.Value {
	return reflect.NewAt(t.Value, slot).Elem()
}

// mapEntries copies the map's keys and values into arrays the driver keeps,
// and returns the address of an array of (key address, value address)
// pairs, in the map's iteration order.
func (dr *driver) mapEntries(t *ir.Type, slot unsafe.Pointer) uint64 {
	m := mapAt(t, slot)
	n := m.Len()
	if n == 0 {
		return 0
	}
	keys := reflect.MakeSlice(reflect.SliceOf(t.Value.Key()), n, n)
	vals := reflect.MakeSlice(reflect.SliceOf(t.Value.Elem()), n, n)
	pairs := make([]unsafe.Pointer, 0, 2*n)
	it := m.MapRange()
	for i := 0; it.Next() && i < n; i++ {
		keys.Index(i).Set(it.Key())
		vals.Index(i).Set(it.Value())
		pairs = append(pairs, keys.Index(i).Addr().UnsafePointer(), vals.Index(i).Addr().UnsafePointer())
	}
	dr.keep = append(dr.keep, keys.Interface(), vals.Interface(), pairs)
	return uint64(uintptr(unsafe.Pointer(unsafe.SliceData(pairs))))
}
