package jit

import (
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ssa"
)

// spilledArgPhi builds f(p, x): if p[0] != 0, x plus the sum of p[1:n+1],
// loaded all at once so that they crowd x out of the registers, else x
// itself, which reaches the return's phi on the edge from the entry, where
// nothing has copied it anywhere.
func spilledArgPhi(n int) *ssa.Func {
	f := ssa.NewFunc("spilledArgPhi", ssa.TypePtr, ssa.TypeI64)
	entry := f.Entry
	sum, join := f.NewBlock(ssa.BlockPlain), f.NewBlock(ssa.BlockReturn)
	mem := entry.NewValue(ssa.OpInitMem, ssa.TypeMem, 0)
	p := entry.NewValue(ssa.OpArg, ssa.TypePtr, 0)
	x := entry.NewValue(ssa.OpArg, ssa.TypeI64, 1)
	first := entry.NewValue(ssa.OpLoad, ssa.TypeI64, 0, p, mem)
	entry.Kind, entry.Control = ssa.BlockIf, entry.NewValue(ssa.OpNe, ssa.TypeBool, 0, first, entry.NewValue(ssa.OpConst, ssa.TypeI64, 0))
	entry.AddEdge(sum)
	entry.AddEdge(join)
	var loads []*ssa.Value
	for i := 1; i <= n; i++ {
		at := sum.NewValue(ssa.OpAddPtr, ssa.TypePtr, 0, p, sum.NewValue(ssa.OpConst, ssa.TypeI64, int64(8*i)))
		loads = append(loads, sum.NewValue(ssa.OpLoad, ssa.TypeI64, 0, at, mem))
	}
	total := x
	for i := len(loads) - 1; i >= 0; i-- { // the last load first: all are live until here
		total = sum.NewValue(ssa.OpAdd, ssa.TypeI64, 0, total, loads[i])
	}
	sum.AddEdge(join)
	join.Control = join.NewValue(ssa.OpPhi, ssa.TypeI64, 0, x, total) // by predecessor: entry, sum
	return f
}

// An argument that gets no register stays in its argument word and is read
// from there, by phi moves too: with every other word of the context
// poisoned, the edge from the entry carries the argument, not a spill slot
// that nothing wrote (a FuzzSchema failure: the write position, passed as
// an argument, came out of such a slot, so a fresh call wrote at whatever
// an earlier call had left on the stack).
func TestSpilledArgumentReachesPhi(t *testing.T) {
	if machine == nil || !runnable {
		t.Skip("no jit on this platform")
	}
	f := spilledArgPhi(24)
	if err := ssa.Verify(f); err != nil {
		t.Fatal(err)
	}
	fn, err := machine.Compile(f)
	if err != nil {
		t.Fatal(err)
	}
	if fn.Layout.Words > freshWords {
		t.Fatalf("context of %d words does not fit CallFresh's", fn.Layout.Words)
	}
	code, err := Load(fn.Code)
	if err != nil {
		t.Fatal(err)
	}
	var data [25]int64
	for i := range data {
		data[i] = int64(i)
	}
	p := uint64(uintptr(unsafe.Pointer(&data)))
	for _, poison := range []uint64{0, 0xdeadbeefdeadbeef, ^uint64(0)} {
		for _, taken := range []bool{false, true} {
			data[0], data[1] = 0, 1
			want := int64(1000)
			if taken {
				data[0] = 1
				want += 24 * 25 / 2
			}
			exit, got := callFreshPoisoned(code.Addr(0), p, 1000, 0, 0, poison)
			if exit != backend.ExitReturn || int64(got) != want {
				t.Fatalf("poison %#x, sum taken %v: exit %d, result %d, want %d", poison, taken, exit, int64(got), want)
			}
		}
	}
}
