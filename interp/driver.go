package interp

import (
	"bytes"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

// MaxDepth bounds nested calls between struct programs, as the reflect
// codec bounds nesting.
const MaxDepth = wire.MaxDepth

// Size returns the encoded size of the struct at p by running its size
// program.
func Size(d *ir.StructDesc, p unsafe.Pointer) int {
	Escape(p) // the program holds p as an integer while the interpreter runs
	if p == nil {
		return 1
	}
	dr := &driver{}
	n := int(dr.size(d, p))
	runtime.KeepAlive(p) // the program holds p only as an integer
	return n
}

// Encode writes the struct at p (nil: an empty struct) into buf by running
// its encode program, with the reflect codec's contract: the bytes written
// into buf, strings and binaries of 4096 bytes or more handed to w when it
// is not nil, and ErrShortBuffer rather than a write past len(buf).
func Encode(buf []byte, w thrift.NocopyWriter, d *ir.StructDesc, p unsafe.Pointer) (int, error) {
	Escape(p) // the program holds p as an integer while the interpreter runs
	if p == nil {
		if len(buf) < 1 {
			return 0, wire.Errorf(wire.ErrShortBuffer, "need 1 byte")
		}
		buf[0] = byte(wire.Stop)
		return 1, nil
	}
	dr := &driver{mapOut: mapOut{out: buf, w: w}}
	n := dr.encode(d, p, 0)
	runtime.KeepAlive(p) // the program holds p only as an integer
	if int64(n) < 0 {
		return 0, wire.InField(dr.err, d.Name)
	}
	return int(n), nil
}

// funcs caches the SSA functions of programs, per struct and mode.
var funcs sync.Map // funcKey -> *ssa.Func

type funcKey struct {
	d    *ir.StructDesc
	mode ir.Mode
}

func funcOf(d *ir.StructDesc, mode ir.Mode) *ssa.Func {
	k := funcKey{d, mode}
	if f, ok := funcs.Load(k); ok {
		return f.(*ssa.Func)
	}
	p := ir.Lower(d, mode, ir.DefaultInlineDepth)
	var f *ssa.Func
	switch mode {
	case ir.ModeSize:
		f = ssa.BuildSize(p)
	case ir.ModeEncode:
		f = ssa.BuildEncode(p)
	}
	optimize(f)
	actual, _ := funcs.LoadOrStore(k, f)
	return actual.(*ssa.Func)
}

// optimize runs the SSA passes on f, verifying after each: a pass that
// breaks a function is a compiler bug, so it panics with the pass's name.
func optimize(f *ssa.Func) {
	if err := ssa.Optimize(f, true); err != nil {
		panic("interp: " + f.Name + ": " + err.Error())
	}
}

func sizeFunc(d *ir.StructDesc) *ssa.Func { return funcOf(d, ir.ModeSize) }

// driver serves exits for one top-level run. keep holds the memory it hands
// to the function (map entries), so that it stays alive while only the
// function's uint64 values point at it.
// Exits.Release clears it field by field: a new field needs a line there.
type driver struct {
	keep     []any
	maps     []*mapBuffer // map entries handed to the program, reused across calls by Exits
	depth    int
	mapOut                 // encode: the output, the NocopyWriter, and the error an exit recorded before the function returned -1
	in       []byte        // decode: the input
	unknown  []int         // decode: [start, end) of unknown fields to keep, a stack across structs
	scratch  []*mapScratch // decode: maps being decoded, innermost last
	spare    []*mapScratch // decode: scratch to use again
	arena    Arena         // decode: where programs carve string bytes from
	chunkLen int           // decode: the size of the chunk this call took last, 0 before its first
	// keepPtrs holds memory handed to the program, like keep, without
	// boxing each pointer in an interface.
	keepPtrs []unsafe.Pointer
}

func (dr *driver) encode(d *ir.StructDesc, p unsafe.Pointer, pos uint64) uint64 {
	return dr.encodeWithAt(funcOf(d, ir.ModeEncode), p, pos)
}

func (dr *driver) encodeWith(f *ssa.Func, p unsafe.Pointer) uint64 { return dr.encodeWithAt(f, p, 0) }

func (dr *driver) encodeWithAt(f *ssa.Func, p unsafe.Pointer, pos uint64) uint64 {
	out := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(dr.out))))
	return Run(f, []uint64{uint64(uintptr(p)), out, uint64(len(dr.out)), ssa.NocopyMin(dr.w != nil), pos}, dr)
}

func (dr *driver) size(d *ir.StructDesc, p unsafe.Pointer) uint64 {
	return Run(sizeFunc(d), []uint64{uint64(uintptr(p))}, dr)
}

// Exit implements Exiter.
func (dr *driver) Exit(kind ssa.ExitKind, aux any, args []uint64) uint64 {
	switch kind {
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
	case ssa.ExitCallEncode:
		if dr.depth >= MaxDepth {
			dr.err = wire.Errorf(wire.ErrDepthLimit, "structs nest deeper than "+strconv.Itoa(MaxDepth)+" (a pointer cycle?)")
			return failed
		}
		dr.depth++
		n := dr.encode(aux.(*ir.StructDesc), pointer(args[0]), args[1])
		dr.depth--
		return n
	case ssa.ExitNocopy:
		data := unsafe.Slice((*byte)(pointer(args[0])), int(args[1]))
		if err := dr.w.WriteDirect(data, int(args[2])); err != nil {
			dr.err = err
			return failed
		}
		return 0
	case ssa.ExitFail:
		e := *aux.(*wire.Error)
		if e.Class == wire.ErrShortBuffer {
			e.Detail = "at offset " + strconv.FormatUint(args[0], 10) + "; did the value change after EncodedSize?"
		}
		dr.err = &e
		return 0
	case ssa.ExitMapSize:
		return uint64(DirectMapSize(aux.(*ir.Type), args[0]))
	case ssa.ExitMapEncode:
		return uint64(dr.encodeDirect(aux.(*ir.Type), pointer(args[0]), int(args[1])))
	case ssa.ExitWriteBarrier:
		*(*unsafe.Pointer)(pointer(args[0])) = pointer(args[1]) // a typed store: Go's write barrier runs
		return 0
	case ssa.ExitBytesEqual:
		n := int(args[2])
		return boolean(bytes.Equal(unsafe.Slice((*byte)(pointer(args[0])), n), unsafe.Slice((*byte)(pointer(args[1])), n)))
	}
	return dr.decodeExit(kind, aux, args)
}

// failed is what a call exit returns after recording an error: -1.
const failed = ^uint64(0)

// mapLen returns the number of entries of the map at slot. Every map type
// shares the runtime's map header, so any map type reads its length.
func mapLen(_ *ir.Type, slot unsafe.Pointer) int {
	return len(*(*map[unsafe.Pointer]unsafe.Pointer)(slot))
}

func mapAt(t *ir.Type, slot unsafe.Pointer) reflect.Value {
	return reflect.NewAt(t.Value, slot).Elem()
}

// mapEntries copies the map's keys and values into arrays the driver keeps,
// and returns the address of an array of (key address, value address)
// pairs, in the map's iteration order, as many as its length; or 0 where
// iterating it found another number of entries (it changed meanwhile: a
// data race), for the program must not read pairs that are not there. The
// arrays are reused by later calls on the same driver (see Exits), so a
// warm encode allocates nothing.
func (dr *driver) mapEntries(t *ir.Type, slot unsafe.Pointer) uint64 {
	n := mapLen(t, slot)
	if n == 0 {
		return 0
	}
	b := dr.mapBuffer(t, n)
	if c := entryCopiers[ir.KeyShape(t.Key)][ir.ValueShape(t.Elem)]; c != nil {
		c(b, slot)
	} else {
		b.copyReflect(t, mapAt(t, slot), n)
	}
	if b.used != n || len(b.pairs) != 2*n {
		return 0
	}
	return uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b.pairs))))
}

// copyReflect copies the entries of m through package reflect, for shapes
// without a generic copier.
func (b *mapBuffer) copyReflect(t *ir.Type, m reflect.Value, n int) {
	if !b.keys.IsValid() || b.keys.Len() < n {
		size := max(n, 8)
		b.keys = reflect.MakeSlice(reflect.SliceOf(t.Value.Key()), size, size)
		b.vals = reflect.MakeSlice(reflect.SliceOf(t.Value.Elem()), size, size)
	}
	b.it.Reset(m)
	i := 0
	for ; i < n && b.it.Next(); i++ {
		b.keys.Index(i).SetIterKey(&b.it)
		b.vals.Index(i).SetIterValue(&b.it)
	}
	b.it.Reset(reflect.Value{}) // drop the map
	b.used = i
	keys, vals := b.keys.UnsafePointer(), b.vals.UnsafePointer()
	ks, vs := t.Value.Key().Size(), t.Value.Elem().Size()
	b.pairs = b.pairs[:0]
	for j := 0; j < i; j++ {
		b.pairs = append(b.pairs, unsafe.Add(keys, uintptr(j)*ks), unsafe.Add(vals, uintptr(j)*vs))
	}
}

// mapBuffer is the storage of one map's entries during a call: typed
// slices of the key and value shapes (copied by entryCopiers), or, for
// other shapes, slices made through package reflect.
type mapBuffer struct {
	t          *ir.Type
	typed      any // []K and []V of the shapes, behind shapeSlices
	clearTyped func(b *mapBuffer)
	keys, vals reflect.Value // slices of the map's key and value types
	pairs      []unsafe.Pointer
	it         reflect.MapIter
	used       int  // entries copied in, to clear when the call ends
	busy       bool // handed out in the current call
}

// mapBuffer returns a buffer for n entries of map type t that the current
// call does not use yet.
func (dr *driver) mapBuffer(t *ir.Type, n int) *mapBuffer {
	for _, b := range dr.maps {
		if !b.busy && b.t == t {
			b.busy = true
			return b
		}
	}
	b := &mapBuffer{t: t, busy: true, pairs: make([]unsafe.Pointer, 0, 2*max(n, 8))}
	dr.maps = append(dr.maps, b)
	return b
}

// releaseMaps clears the entries the call copied (they must not keep the
// caller's values alive) and makes every buffer available again.
func (dr *driver) releaseMaps() {
	for _, b := range dr.maps {
		if b.busy {
			if b.clearTyped != nil {
				b.clearTyped(b)
			}
			if b.keys.IsValid() {
				b.keys.Clear() // the whole buffer: Slice would allocate
				b.vals.Clear()
			}
			clear(b.pairs)
			b.used, b.busy = 0, false
		}
	}
}
