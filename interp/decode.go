package interp

import (
	"errors"
	"reflect"
	"runtime"
	"strconv"
	"unsafe"

	"github.com/frugaljit/frugal/internal/gomap"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

// Decode decodes one struct from buf into the struct at p by running its
// decode program, with the reflect codec's contract and error classes.
func Decode(buf []byte, d *ir.StructDesc, p unsafe.Pointer) (int, error) {
	Escape(p) // the program holds p as an integer while the interpreter runs
	f, err := decodeFunc(d)
	if err != nil {
		return 0, err
	}
	dr := &driver{in: buf}
	n := dr.decodeWith(f, p, 0, 0)
	runtime.KeepAlive(p) // the program holds p only as an integer
	if int64(n) < 0 {
		return 0, wire.InField(dr.err, d.Name)
	}
	return int(n), nil
}

// Prepare builds the programs of d and of every struct they call, and
// reports why the interpreter cannot run d if it cannot.
func Prepare(d *ir.StructDesc) error {
	if !littleEndian() {
		// SSA memory is little-endian, as on both targets: the builders
		// byte-swap to big-endian for the wire assuming that order.
		return errors.New("the SSA interpreter runs on little-endian hosts only")
	}
	if err := gomap.CheckHeader(); err != nil {
		return err
	}
	seen := map[*ir.StructDesc]bool{}
	var visit func(d *ir.StructDesc) error
	visit = func(d *ir.StructDesc) error {
		if seen[d] {
			return nil
		}
		seen[d] = true
		funcOf(d, ir.ModeSize)
		funcOf(d, ir.ModeEncode)
		if _, err := decodeFunc(d); err != nil {
			return err
		}
		for _, mode := range []ir.Mode{ir.ModeSize, ir.ModeEncode, ir.ModeDecode} {
			for _, c := range ir.Lower(d, mode, ir.DefaultInlineDepth).Callees {
				if err := visit(c); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return visit(d)
}

func decodeFunc(d *ir.StructDesc) (*ssa.Func, error) {
	k := funcKey{d, ir.ModeDecode}
	if f, ok := funcs.Load(k); ok {
		return f.(*ssa.Func), nil
	}
	f, err := ssa.BuildDecode(ir.Lower(d, ir.ModeDecode, ir.DefaultInlineDepth))
	if err != nil {
		return nil, err
	}
	optimize(f)
	actual, _ := funcs.LoadOrStore(k, f)
	return actual.(*ssa.Func), nil
}

func (dr *driver) decodeWith(f *ssa.Func, p unsafe.Pointer, pos, depth uint64) uint64 {
	in := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(dr.in))))
	return Run(f, []uint64{uint64(uintptr(p)), in, uint64(len(dr.in)), pos, depth, dr.ArenaAddr()}, dr)
}

// decodeExit serves the exits of decode programs.
func (dr *driver) decodeExit(kind ssa.ExitKind, aux any, args []uint64) uint64 {
	switch kind {
	case ssa.ExitSkip:
		next, err := wire.Skip(dr.in, int(args[0]), wire.Type(args[1]), int(args[2]), MaxDepth)
		if err != nil {
			dr.err = err
			return failed
		}
		return uint64(next)
	case ssa.ExitUnknownMark:
		return uint64(len(dr.unknown))
	case ssa.ExitUnknownField:
		dr.unknown = append(dr.unknown, int(args[0]), int(args[1]))
		return 0
	case ssa.ExitKeepUnknown:
		mark := int(args[0])
		var out []byte
		for k := mark; k < len(dr.unknown); k += 2 {
			out = append(out, dr.in[dr.unknown[k]:dr.unknown[k+1]]...)
		}
		if out != nil {
			*(*[]byte)(pointer(args[1])) = out
		}
		dr.unknown = dr.unknown[:mark]
		return 0
	case ssa.ExitAllocBytes:
		return uint64(uintptr(dr.allocBytes(int(args[0]))))
	case ssa.ExitAllocSlice:
		p := newArray(aux.(*ir.Type).Value.Elem(), int(args[0]))
		dr.keepPtrs = append(dr.keepPtrs, p)
		return uint64(uintptr(p))
	case ssa.ExitNew:
		return ServeNew(aux, args[0])
	case ssa.ExitNewBatch:
		t, n := aux.(*ir.Type), int(args[0])
		p := newArray(t.Value, n)
		if t.Struct.NeedsInitDefault() {
			size := t.Value.Size()
			for i := range uintptr(n) {
				t.Struct.CallInitDefault(unsafe.Add(p, i*size))
			}
		}
		dr.keepPtrs = append(dr.keepPtrs, p)
		return uint64(uintptr(p))
	case ssa.ExitResetStruct:
		t := aux.(*ir.Type)
		reflect.NewAt(t.Value, pointer(args[0])).Elem().SetZero()
		if t.Struct.NeedsInitDefault() {
			t.Struct.CallInitDefault(pointer(args[0]))
		}
		return 0
	case ssa.ExitMapScratch:
		s := dr.newScratch(aux.(*ir.Type), int(args[0]))
		return uint64(uintptr(unsafe.Pointer(&s.addrs)))
	case ssa.ExitMapInsert:
		n := int(args[1])
		if n == 0 { // no scratch was taken
			*(*unsafe.Pointer)(pointer(args[0])) = reflect.MakeMapWithSize(aux.(*ir.Type).Value, 0).UnsafePointer()
			return 0
		}
		s := dr.scratch[len(dr.scratch)-1]
		dr.scratch = dr.scratch[:len(dr.scratch)-1]
		s.insert(s, pointer(args[0]), n)
		dr.spare = append(dr.spare, s)
		return 0
	case ssa.ExitCallDecode:
		if args[2] > MaxDepth {
			dr.err = wire.Errorf(wire.ErrDepthLimit, "nesting deeper than "+strconv.Itoa(MaxDepth))
			return failed
		}
		f, err := decodeFunc(aux.(*ir.StructDesc))
		if err != nil {
			dr.err = err
			return failed
		}
		return dr.decodeWith(f, pointer(args[0]), args[1], args[2])
	case ssa.ExitMissingRequired:
		s, seen := aux.(*ir.StructDesc), args[0]
		for k, fi := range s.Required {
			if seen&(1<<k) == 0 {
				f := &s.Fields[fi]
				dr.err = &wire.Error{Class: wire.ErrMissingRequired, Path: f.Name,
					Detail: "field " + strconv.Itoa(int(f.ID)) + " is required"}
				break
			}
		}
		return 0
	}
	panic("interp: unknown exit " + kind.String())
}

func littleEndian() bool {
	var x uint16 = 1
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// ServeNew serves ExitNew, which needs no driver: a new value of the type
// aux (an *ir.Type), with its defaults, stored at the address slot, whose
// pointer it returns. The store is a typed one, so the value is reachable
// from the struct being decoded before the program resumes.
func ServeNew(aux any, slot uint64) uint64 {
	t := aux.(*ir.Type)
	q := newValue(t.Value)
	if t.Kind == ir.Struct && t.Struct.NeedsInitDefault() {
		t.Struct.CallInitDefault(q)
	}
	*(*unsafe.Pointer)(pointer(slot)) = q
	return uint64(uintptr(q))
}
