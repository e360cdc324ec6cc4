package jit

import (
	"fmt"
	"math/rand"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/ssa"
)

// randSSA builds random functions for differential tests of the
// optimizer and the backend: f(p, a, b, c) of a pointer p to randWords
// words (the first half read, the second half written) and three i64
// arguments. A set of i64 variables, more than there are registers, is
// updated by random arithmetic (at every width), loads, stores, copies of
// constant and variable lengths from the first half into the second, and
// exits (whose results are a hash of their arguments), branching on
// integer and double comparisons, merged through phis after
// if-else and at loop heads, and summed into the result. Variables start
// as the arguments themselves, so arguments reach phis straight from the
// entry.
type randSSA struct {
	r      *rand.Rand
	f      *ssa.Func
	b      *ssa.Block
	p      *ssa.Value
	mem    *ssa.Value
	vars   []*ssa.Value // all i64
	args   []*ssa.Value // the i64 arguments
	budget int          // statements left
}

const (
	randWords = 64
	randVars  = 20
)

var narrowTypes = [...]ssa.Type{ssa.TypeI8, ssa.TypeI16, ssa.TypeI32}

func newRandSSA(seed int64) *ssa.Func {
	g := &randSSA{r: rand.New(rand.NewSource(seed)), budget: 80}
	g.f = ssa.NewFunc(fmt.Sprintf("rand%d", seed), ssa.TypePtr, ssa.TypeI64, ssa.TypeI64, ssa.TypeI64)
	g.b = g.f.Entry
	g.mem = g.val(ssa.OpInitMem, ssa.TypeMem, 0)
	g.p = g.val(ssa.OpArg, ssa.TypePtr, 0)
	g.args = []*ssa.Value{g.val(ssa.OpArg, ssa.TypeI64, 1), g.val(ssa.OpArg, ssa.TypeI64, 2), g.val(ssa.OpArg, ssa.TypeI64, 3)}
	for i := range randVars {
		if i%4 == 3 {
			g.vars = append(g.vars, g.konst(ssa.TypeI64))
		} else {
			g.vars = append(g.vars, g.args[i%4])
		}
	}
	for g.budget > 0 {
		g.stmt(0)
	}
	sum := g.vars[0]
	for _, v := range g.vars[1:] {
		sum = g.val(ssa.OpAdd, ssa.TypeI64, 0, g.val(ssa.OpMul, ssa.TypeI64, 0, sum, g.iconst(ssa.TypeI64, -0x61C8864680B583EB)), v)
	}
	g.b.Kind, g.b.Control = ssa.BlockReturn, sum
	return g.f
}

func (g *randSSA) val(op ssa.Op, t ssa.Type, aux int64, args ...*ssa.Value) *ssa.Value {
	return g.b.NewValue(op, t, aux, args...)
}

func (g *randSSA) iconst(t ssa.Type, c int64) *ssa.Value { return g.val(ssa.OpConst, t, c) }

// konst is a constant of type t: small, at a boundary, or anything.
func (g *randSSA) konst(t ssa.Type) *ssa.Value {
	var c int64
	switch g.r.Intn(4) {
	case 0:
		c = int64(g.r.Intn(8))
	case 1:
		c = []int64{-1, 1 << 31, 1<<31 - 1, -1 << 31, 1 << 15, 255, 1 << 63 >> 1}[g.r.Intn(7)]
	default:
		c = g.r.Int63() - g.r.Int63()
	}
	switch t.Size() { // constants of narrow types are kept zero-extended
	case 1:
		c = int64(uint8(c))
	case 2:
		c = int64(uint16(c))
	case 4:
		c = int64(uint32(c))
	}
	return g.iconst(t, c)
}

func (g *randSSA) pick() *ssa.Value { return g.vars[g.r.Intn(len(g.vars))] }

// operand is a variable, or sometimes a constant, seen as type t.
func (g *randSSA) operand(t ssa.Type) *ssa.Value {
	if g.r.Intn(3) == 0 {
		return g.konst(t)
	}
	return g.narrow(t, g.pick())
}

func (g *randSSA) narrow(t ssa.Type, v *ssa.Value) *ssa.Value {
	if t == ssa.TypeI64 {
		return v
	}
	return g.val(ssa.OpTrunc, t, 0, v)
}

func (g *randSSA) widen(v *ssa.Value) *ssa.Value {
	if v.Type == ssa.TypeI64 {
		return v
	}
	op := ssa.OpZeroExt
	if g.r.Intn(2) == 0 {
		op = ssa.OpSignExt
	}
	return g.val(op, ssa.TypeI64, 0, v)
}

func (g *randSSA) anyType() ssa.Type {
	if g.r.Intn(2) == 0 {
		return ssa.TypeI64
	}
	return narrowTypes[g.r.Intn(len(narrowTypes))]
}

// slot returns the address of word w of p's words (plus a byte offset).
func (g *randSSA) slot(w, off int) *ssa.Value {
	return g.val(ssa.OpAddPtr, ssa.TypePtr, 0, g.p, g.iconst(ssa.TypeI64, int64(8*w+off)))
}

// doubleBits are bit patterns whose double comparisons are edge cases:
// zeros of both signs, NaNs (quiet, signalling, negative), infinity, one.
var doubleBits = [...]int64{0, -1 << 63, 0x7FF8000000000000, 0x7FF0000000000001, -0x0008000000000000, 0x7FF0000000000000, 0x3FF0000000000000}

func (g *randSSA) cond() *ssa.Value {
	if g.r.Intn(5) == 0 { // doubles' equality, on variables or edge cases
		double := func() *ssa.Value {
			if g.r.Intn(2) == 0 {
				return g.iconst(ssa.TypeI64, doubleBits[g.r.Intn(len(doubleBits))])
			}
			return g.pick()
		}
		return g.val(ssa.OpEqF, ssa.TypeBool, 0, double(), double())
	}
	t := g.anyType()
	ops := []ssa.Op{ssa.OpEq, ssa.OpNe, ssa.OpLt, ssa.OpLtU}
	return g.val(ops[g.r.Intn(len(ops))], ssa.TypeBool, 0, g.operand(t), g.operand(t))
}

func (g *randSSA) stmt(depth int) {
	g.budget--
	i := g.r.Intn(len(g.vars))
	switch k := g.r.Intn(14); {
	case k < 4: // arithmetic at some width
		t := g.anyType()
		ops := []ssa.Op{ssa.OpAdd, ssa.OpSub, ssa.OpMul, ssa.OpAnd, ssa.OpOr}
		g.vars[i] = g.widen(g.val(ops[g.r.Intn(len(ops))], t, 0, g.operand(t), g.operand(t)))
	case k == 4: // shift by a constant within the width
		t := g.anyType()
		g.vars[i] = g.widen(g.val(ssa.OpShr, t, 0, g.narrow(t, g.pick()), g.iconst(t, int64(g.r.Intn(8*t.Size())))))
	case k == 5: // byte swap
		t := []ssa.Type{ssa.TypeI16, ssa.TypeI32, ssa.TypeI64}[g.r.Intn(3)]
		g.vars[i] = g.widen(g.val(ssa.OpBswap, t, 0, g.narrow(t, g.pick())))
	case k == 6: // an argument again: arguments live long, into phis
		g.vars[i] = g.args[g.r.Intn(len(g.args))]
	case k == 7: // a load: a constant word of either half, or an index computed from a variable
		t := g.anyType()
		var at *ssa.Value
		if g.r.Intn(2) == 0 {
			at = g.slot(g.r.Intn(randWords), g.r.Intn(9-t.Size()))
		} else {
			w := g.val(ssa.OpAnd, ssa.TypeI64, 0, g.pick(), g.iconst(ssa.TypeI64, randWords-1))
			at = g.val(ssa.OpAddPtr, ssa.TypePtr, 0, g.p, g.val(ssa.OpMul, ssa.TypeI64, 0, w, g.iconst(ssa.TypeI64, 8)))
		}
		g.vars[i] = g.widen(g.val(ssa.OpLoad, t, 0, at, g.mem))
	case k == 8: // a store into the second half
		t := g.anyType()
		g.mem = g.val(ssa.OpStore, ssa.TypeMem, 0, g.slot(randWords/2+g.r.Intn(randWords/2), g.r.Intn(9-t.Size())), g.operand(t), g.mem)
	case k == 11: // an exit: every register is saved, and restored when the code resumes
		args := make([]*ssa.Value, 1+g.r.Intn(3))
		for j := range args {
			args[j] = g.pick()
		}
		tuple := g.val(ssa.OpExit, ssa.TypeTuple, int64(ssa.ExitBytesEqual), append(args, g.mem)...)
		g.mem = g.val(ssa.OpSelectMem, ssa.TypeMem, 0, tuple)
		g.vars[i] = g.val(ssa.OpSelectValue, ssa.TypeI64, 0, tuple)
	case k == 12: // a copy from the first half into the second, at any alignment
		// Up to 127 bytes, from an offset below 128 to one from 256 to
		// 375: each side stays within its half.
		n := g.iconst(ssa.TypeI64, int64(g.r.Intn(randWords*2)))
		if g.r.Intn(2) == 0 { // a length only known at run time
			n = g.val(ssa.OpAnd, ssa.TypeI64, 0, g.pick(), g.iconst(ssa.TypeI64, randWords*2-1))
		}
		src := g.slot(g.r.Intn(randWords/4), g.r.Intn(8))
		dst := g.slot(randWords/2+g.r.Intn(randWords/4-1), g.r.Intn(8))
		g.mem = g.val(ssa.OpMove, ssa.TypeMem, 0, dst, src, n, g.mem)
	case k < 11 && depth < 3:
		g.ifElse(g.cond(), func() { g.stmts(depth + 1) }, func() { g.stmts(depth + 1) })
	case depth < 2:
		g.loop(depth)
	default:
		g.vars[i] = g.pick()
	}
}

func (g *randSSA) stmts(depth int) {
	for n := g.r.Intn(5); n > 0 && g.budget > 0; n-- {
		g.stmt(depth)
	}
}

// state is the memory and the variables, merged at joins.
func (g *randSSA) state() []*ssa.Value { return append([]*ssa.Value{g.mem}, g.vars...) }

func (g *randSSA) setState(s []*ssa.Value) { g.mem = s[0]; copy(g.vars, s[1:]) }

func (g *randSSA) ifElse(c *ssa.Value, then, els func()) {
	tb, eb, join := g.f.NewBlock(ssa.BlockPlain), g.f.NewBlock(ssa.BlockPlain), g.f.NewBlock(ssa.BlockPlain)
	g.b.Kind, g.b.Control = ssa.BlockIf, c
	g.b.AddEdge(tb)
	g.b.AddEdge(eb)
	start := g.state()
	g.b = tb
	then()
	g.b.AddEdge(join)
	thenState := g.state()
	g.setState(start)
	g.b = eb
	els()
	g.b.AddEdge(join)
	elseState := g.state()
	g.b = join
	merged := make([]*ssa.Value, len(thenState))
	for k := range merged {
		merged[k] = thenState[k]
		if thenState[k] != elseState[k] {
			merged[k] = g.val(ssa.OpPhi, thenState[k].Type, 0, thenState[k], elseState[k])
		}
	}
	g.setState(merged)
}

// loop runs its body 0 to 4 times, the count taken from a variable.
func (g *randSSA) loop(depth int) {
	bound := g.val(ssa.OpAnd, ssa.TypeI64, 0, g.pick(), g.iconst(ssa.TypeI64, 3))
	zero := g.iconst(ssa.TypeI64, 0)
	head, body, exit := g.f.NewBlock(ssa.BlockIf), g.f.NewBlock(ssa.BlockPlain), g.f.NewBlock(ssa.BlockPlain)
	g.b.AddEdge(head)
	g.b = head
	before := append(g.state(), zero)
	phis := make([]*ssa.Value, len(before))
	for k, v := range before {
		phis[k] = g.val(ssa.OpPhi, v.Type, 0, v, nil)
	}
	counter := phis[len(phis)-1]
	head.Control = g.val(ssa.OpLtU, ssa.TypeBool, 0, counter, bound)
	head.AddEdge(body)
	head.AddEdge(exit)
	g.setState(phis[:len(phis)-1])
	g.b = body
	g.stmts(depth + 1)
	next := g.val(ssa.OpAdd, ssa.TypeI64, 0, counter, g.iconst(ssa.TypeI64, 1))
	g.b.AddEdge(head)
	for k, v := range append(g.state(), next) {
		phis[k].Args[1] = v
	}
	g.setState(phis[:len(phis)-1])
	g.b = exit
}

// randData is the memory a random function runs on.
func randData(seed int64) []uint64 {
	r := rand.New(rand.NewSource(^seed))
	d := make([]uint64, randWords)
	for i := range d {
		d[i] = r.Uint64() >> uint(r.Intn(64))
	}
	return d
}

// randExits serves the exits of random functions: each returns a hash of
// its arguments.
type randExits struct{}

func (randExits) Exit(_ ssa.ExitKind, _ any, args []uint64) uint64 {
	h := uint64(len(args))
	for _, a := range args {
		h = (h^a)*0x100000001b3 + 1
	}
	return h
}

// runMachine compiles f and runs it on a poisoned context, serving its
// exits as randExits does, and the preemption polls of its loops.
func runMachine(t *testing.T, f *ssa.Func, args []uint64) uint64 {
	fn, err := machine.Compile(f)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	code, err := Load(fn.Code)
	if err != nil {
		t.Fatal(err)
	}
	ctx := make([]uint64, fn.Layout.Words)
	for i := range ctx {
		ctx[i] = 0xdeadbeefdeadbeef
	}
	ctx[backend.CtxResume] = 0
	copy(ctx[backend.CtxArgs:], args)
	for exit := Call(code.Addr(0), unsafe.Pointer(&ctx[0])); exit != backend.ExitReturn; exit = Call(code.Addr(0), unsafe.Pointer(&ctx[0])) {
		switch s := fn.Sites[exit-1]; s.Kind {
		case ssa.ExitYield:
			ctx[backend.CtxResult] = 0
		case ssa.ExitBytesEqual:
			ctx[backend.CtxResult] = randExits{}.Exit(s.Kind, nil, ctx[fn.Layout.ExitArgs:fn.Layout.ExitArgs+s.Args])
		default:
			t.Fatalf("%s: exit %v", f.Name, s.Kind)
		}
	}
	return ctx[backend.CtxResult]
}

// checkRandSSA runs the random function of seed three ways, on the same
// memory and arguments: interpreted as built, interpreted once optimized,
// and compiled from the optimized SSA. The first pair differs only by an
// optimizer bug, the second only by a backend bug (the register
// allocator's above all: many variables, phis everywhere, spills).
func checkRandSSA(t *testing.T, seed int64) {
	args := []uint64{0, uint64(seed), uint64(seed) * 0x9E3779B97F4A7C15, uint64(^seed) >> 7}
	run := func(how string, exec func(f *ssa.Func, args []uint64) uint64) (uint64, []uint64) {
		f := newRandSSA(seed)
		if err := ssa.Verify(f); err != nil {
			t.Fatalf("seed %d: the generator built bad SSA: %v\n%s", seed, err, f)
		}
		if how != "interpreted" {
			if err := ssa.Optimize(f, true); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
		mem := randData(seed)
		a := append([]uint64(nil), args...)
		a[0] = uint64(uintptr(unsafe.Pointer(unsafe.SliceData(mem))))
		return exec(f, a), mem
	}
	interpret := func(f *ssa.Func, a []uint64) uint64 { return interp.Run(f, a, randExits{}) }
	want, wantMem := run("interpreted", interpret)
	got, gotMem := run("optimized", interpret)
	if got != want || fmt.Sprint(gotMem) != fmt.Sprint(wantMem) {
		t.Fatalf("seed %d: optimized, the function returns %#x, as built %#x (memory equal: %v)\n%s",
			seed, got, want, fmt.Sprint(gotMem) == fmt.Sprint(wantMem), newRandSSA(seed))
	}
	got, gotMem = run("compiled", func(f *ssa.Func, a []uint64) uint64 { return runMachine(t, f, a) })
	if got != want || fmt.Sprint(gotMem) != fmt.Sprint(wantMem) {
		f := newRandSSA(seed)
		_ = ssa.Optimize(f, false)
		t.Fatalf("seed %d: compiled, the function returns %#x, interpreted %#x (memory equal: %v)\n%s",
			seed, got, want, fmt.Sprint(gotMem) == fmt.Sprint(wantMem), f)
	}
}

// Random functions give the same result and memory interpreted, optimized
// and compiled.
func TestRandomSSA(t *testing.T) {
	if machine == nil || !runnable {
		t.Skip("no jit on this platform")
	}
	for seed := range int64(400) {
		checkRandSSA(t, seed)
	}
}

// FuzzRandomSSA is TestRandomSSA over any seed:
// go test ./jit -run '^$' -fuzz FuzzRandomSSA.
func FuzzRandomSSA(f *testing.F) {
	if machine == nil || !runnable {
		f.Skip("no jit on this platform")
	}
	f.Add(int64(-1))
	f.Fuzz(func(t *testing.T, seed int64) { checkRandSSA(t, seed) })
}
