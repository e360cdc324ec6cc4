package interp

import (
	"fmt"
	"math"
	"math/bits"
	"unsafe"

	"github.com/frugaljit/frugal/ssa"
)

// Exiter serves the exits of a running function.
type Exiter interface {
	Exit(kind ssa.ExitKind, aux any, args []uint64) uint64
}

// Run executes f with the given arguments and returns its result.
func Run(f *ssa.Func, args []uint64, x Exiter) uint64 {
	vals := make([]uint64, f.NumValues())
	var scratch []uint64
	b, prev := f.Entry, (*ssa.Block)(nil)
	for {
		if prev != nil { // phis read their inputs all at once, before any is set
			k := b.PredIndex(prev)
			scratch = scratch[:0]
			for _, v := range b.Values {
				if v.Op == ssa.OpPhi {
					scratch = append(scratch, vals[v.Args[k].ID])
				}
			}
			for j, v := range b.Values[:len(scratch)] {
				vals[v.ID] = scratch[j]
			}
		}
		for _, v := range b.Values {
			if v.Op != ssa.OpPhi {
				vals[v.ID] = eval(v, vals, args, x)
			}
		}
		switch b.Kind {
		case ssa.BlockPlain:
			prev, b = b, b.Succs[0]
		case ssa.BlockIf:
			next := b.Succs[1]
			if vals[b.Control.ID] != 0 {
				next = b.Succs[0]
			}
			prev, b = b, next
		case ssa.BlockReturn:
			return vals[b.Control.ID]
		default:
			panic(fmt.Sprintf("interp: %s: b%d has kind %s", f.Name, b.ID, b.Kind))
		}
	}
}

// mask keeps the low bytes of x that a value of type t holds: integers are
// kept zero-extended to 64 bits.
func mask(t ssa.Type, x uint64) uint64 {
	switch t.Size() {
	case 1:
		return x & 0xff
	case 2:
		return x & 0xffff
	case 4:
		return x & 0xffffffff
	}
	return x
}

// signed reads x, a value of type t, as a signed integer.
func signed(t ssa.Type, x uint64) int64 {
	switch t.Size() {
	case 1:
		return int64(int8(x))
	case 2:
		return int64(int16(x))
	case 4:
		return int64(int32(x))
	}
	return int64(x)
}

func boolean(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func eval(v *ssa.Value, vals, args []uint64, x Exiter) uint64 {
	arg := func(i int) uint64 { return vals[v.Args[i].ID] }
	switch v.Op {
	case ssa.OpInitMem, ssa.OpSelectMem:
		return 0
	case ssa.OpStore:
		store(v.Args[1].Type, pointer(arg(0)), arg(1))
		return 0
	case ssa.OpMove:
		if n := int(arg(2)); n > 0 {
			copy(unsafe.Slice((*byte)(pointer(arg(0))), n), unsafe.Slice((*byte)(pointer(arg(1))), n))
		}
		return 0
	case ssa.OpBswap:
		switch v.Type.Size() {
		case 2:
			return uint64(bits.ReverseBytes16(uint16(arg(0))))
		case 4:
			return uint64(bits.ReverseBytes32(uint32(arg(0))))
		}
		return bits.ReverseBytes64(arg(0))
	case ssa.OpArg:
		return args[v.AuxInt]
	case ssa.OpConst:
		return mask(v.Type, uint64(v.AuxInt))
	case ssa.OpCopy, ssa.OpSelectValue, ssa.OpZeroExt:
		return mask(v.Type, arg(0))
	case ssa.OpAdd, ssa.OpAddPtr:
		return mask(v.Type, arg(0)+arg(1))
	case ssa.OpSub:
		return mask(v.Type, arg(0)-arg(1))
	case ssa.OpMul:
		return mask(v.Type, arg(0)*arg(1))
	case ssa.OpAnd:
		return arg(0) & arg(1)
	case ssa.OpOr:
		return arg(0) | arg(1)
	case ssa.OpShr:
		return mask(v.Type, arg(0)) >> arg(1)
	case ssa.OpSignExt:
		return mask(v.Type, uint64(signed(v.Args[0].Type, arg(0))))
	case ssa.OpTrunc:
		return mask(v.Type, arg(0))
	case ssa.OpEq:
		return boolean(arg(0) == arg(1))
	case ssa.OpNe:
		return boolean(arg(0) != arg(1))
	case ssa.OpLtU:
		return boolean(arg(0) < arg(1))
	case ssa.OpLt:
		t := v.Args[0].Type
		return boolean(signed(t, arg(0)) < signed(t, arg(1)))
	case ssa.OpEqF:
		return boolean(math.Float64frombits(arg(0)) == math.Float64frombits(arg(1)))
	case ssa.OpLoad:
		return load(v.Type, pointer(arg(0)))
	case ssa.OpExit:
		in := make([]uint64, len(v.Args)-1)
		for i := range in {
			in[i] = arg(i)
		}
		return x.Exit(ssa.ExitKind(v.AuxInt), v.Aux, in)
	}
	panic("interp: cannot run " + v.LongString())
}

// pointer turns a value back into the address it holds. The conversion
// goes through memory so that it is a load of a pointer, not arithmetic.
func pointer(x uint64) unsafe.Pointer {
	u := uintptr(x)
	return *(*unsafe.Pointer)(unsafe.Pointer(&u))
}

func load(t ssa.Type, p unsafe.Pointer) uint64 {
	switch t.Size() {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

func store(t ssa.Type, p unsafe.Pointer, x uint64) {
	if t == ssa.TypePtr { // a pointer store, so that Go's write barrier sees it
		*(*unsafe.Pointer)(p) = pointer(x)
		return
	}
	switch t.Size() {
	case 1:
		*(*uint8)(p) = uint8(x)
	case 2:
		*(*uint16)(p) = uint16(x)
	case 4:
		*(*uint32)(p) = uint32(x)
	default:
		*(*uint64)(p) = x
	}
}
