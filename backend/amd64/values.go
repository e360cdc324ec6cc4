package amd64

import (
	"fmt"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ssa"
)

// value emits the instructions of v (not folded).
func (g *gen) value(v *ssa.Value) {
	a := &g.a
	switch v.Op {
	case ssa.OpInitMem, ssa.OpPhi, ssa.OpSelectMem:
		// no code: phis are written on the edges into their block
	case ssa.OpArg:
		if l := g.loc(v); !l.InReg() {
			return // read from its argument word at each use (inTo): never stored
		}
		r, done := g.dst(v)
		a.Load(8, r, ctxWord(backend.CtxArgs+int(v.AuxInt)))
		done()
	case ssa.OpCopy:
		r, done := g.dst(v)
		g.inTo(v.Args[0], r)
		done()
	case ssa.OpAdd, ssa.OpSub, ssa.OpAnd, ssa.OpOr, ssa.OpMul, ssa.OpAddPtr:
		g.arith(v)
	case ssa.OpShr:
		g.shr(v)
	case ssa.OpBswap:
		r, done := g.dst(v)
		g.inTo(v.Args[0], r)
		a.Bswap(width(v.Type), r)
		done()
	case ssa.OpSignExt, ssa.OpZeroExt, ssa.OpTrunc:
		g.extend(v)
	case ssa.OpEq, ssa.OpNe, ssa.OpLt, ssa.OpLtU:
		cc := g.compare(v)
		r, done := g.dst(v)
		a.Setcc(cc, r)
		a.MovZXRR(1, r, r)
		done()
	case ssa.OpEqF:
		g.eqF(v)
	case ssa.OpLoad:
		m := g.addr(v.Args[0])
		r, done := g.dst(v)
		switch w := width(v.Type); w {
		case 1, 2:
			a.MovZX(w, r, m)
		default:
			a.Load(w, r, m)
		}
		done()
	case ssa.OpStore:
		g.store(v)
	case ssa.OpMove:
		g.inTo(v.Args[0], RDI)
		g.inTo(v.Args[1], RSI)
		g.inTo(v.Args[2], RCX)
		g.copyBytes()
	case ssa.OpExit:
		g.exit(v)
	case ssa.OpSelectValue:
		r, done := g.dst(v)
		a.Load(8, r, ctxWord(backend.CtxResult))
		done()
	default:
		panic(fmt.Sprintf("no instruction for %v", v.Op))
	}
}

var aluOf = map[ssa.Op]Alu{ssa.OpAdd: Add, ssa.OpSub: Sub, ssa.OpAnd: And, ssa.OpOr: Or, ssa.OpAddPtr: Add}

// arith emits a two-operand integer operation. The result's register is
// never one of the arguments' (their intervals touch at v).
func (g *gen) arith(v *ssa.Value) {
	a := &g.a
	x, y := v.Args[0], v.Args[1]
	commutative := v.Op != ssa.OpSub
	if commutative && x.Op == ssa.OpConst && y.Op != ssa.OpConst {
		x, y = y, x
	}
	w := aluWidth(v.Type)
	r, done := g.dst(v)
	switch {
	case v.Op == ssa.OpAddPtr && y.Op == ssa.OpConst && fitsInt32(y.AuxInt):
		a.Lea(r, At(g.in(x, tmp1), int32(y.AuxInt)))
	case v.Op == ssa.OpAddPtr:
		a.Lea(r, Mem{Base: g.in(x, tmp1), Index: g.in(y, tmp2), Scale: 1})
	case v.Op == ssa.OpMul && y.Op == ssa.OpConst && fitsInt32(y.AuxInt):
		a.ImulRRI(w, r, g.in(x, tmp1), int32(y.AuxInt))
	case v.Op == ssa.OpMul:
		g.inTo(x, r)
		a.ImulRR(w, r, g.in(y, tmp2))
	case y.Op == ssa.OpConst && fitsInt32(y.AuxInt):
		g.inTo(x, r)
		a.AluRI(aluOf[v.Op], w, r, int32(y.AuxInt))
	default:
		g.inTo(x, r)
		a.AluRR(aluOf[v.Op], w, r, g.in(y, tmp2))
	}
	done()
}

// shr emits a logical right shift by a constant. Narrow values have
// undefined upper bits in registers, so they are cleared first.
func (g *gen) shr(v *ssa.Value) {
	a := &g.a
	x, n := v.Args[0], v.Args[1]
	if n.Op != ssa.OpConst || n.AuxInt < 0 || n.AuxInt >= int64(8*v.Type.Size()) {
		panic("a shift by other than a constant within the width")
	}
	r, done := g.dst(v)
	switch w := width(v.Type); w {
	case 1, 2:
		a.MovZXRR(w, r, g.in(x, tmp1))
	case 4:
		a.MovRR(4, r, g.in(x, tmp1)) // a 32-bit move clears the upper half
	default:
		g.inTo(x, r)
	}
	if n.AuxInt > 0 {
		a.ShrRI(aluWidth(v.Type), r, uint8(n.AuxInt))
	}
	done()
}

// extend emits SignExt, ZeroExt and Trunc. Narrow values have undefined
// upper bits in registers, so truncation is a plain move.
func (g *gen) extend(v *ssa.Value) {
	a := &g.a
	x := v.Args[0]
	r, done := g.dst(v)
	src := g.in(x, tmp1)
	from := width(x.Type)
	switch {
	case v.Op == ssa.OpTrunc || from == 8:
		a.MovRR(8, r, src)
	case v.Op == ssa.OpSignExt:
		a.MovSXRR(from, r, src)
	case from == 4:
		a.MovRR(4, r, src)
	default:
		a.MovZXRR(from, r, src)
	}
	done()
}

// conds maps a comparison to its condition code.
var conds = map[ssa.Op]Cond{ssa.OpEq: CondE, ssa.OpNe: CondNE, ssa.OpLt: CondL, ssa.OpLtU: CondB}

// swapped is the condition that holds for (y, x) when c holds for (x, y).
var swapped = map[Cond]Cond{CondE: CondE, CondNE: CondNE, CondL: CondG, CondB: CondA}

// compare emits the comparison v (Eq, Ne, Lt, LtU) and returns the
// condition code that is set when it holds.
func (g *gen) compare(v *ssa.Value) Cond {
	a := &g.a
	x, y := v.Args[0], v.Args[1]
	cc := conds[v.Op]
	if x.Op == ssa.OpConst && y.Op != ssa.OpConst {
		x, y = y, x
		cc = swapped[cc]
	}
	w := width(x.Type)
	if y.Op == ssa.OpConst && fitsInt32(y.AuxInt) && (w > 1 || (y.AuxInt >= -128 && y.AuxInt < 256)) &&
		(w != 2 || (y.AuxInt >= -32768 && y.AuxInt < 65536)) {
		imm := y.AuxInt
		if w == 2 {
			imm = int64(int16(imm))
		}
		a.AluRI(Cmp, w, g.in(x, tmp1), int32(imm))
		return cc
	}
	a.AluRR(Cmp, w, g.in(x, tmp1), g.in(y, tmp2))
	return cc
}

// eqF compares two doubles given as their bit patterns: equal when
// UCOMISD says equal and ordered (NaN is unequal to everything, -0 == 0).
func (g *gen) eqF(v *ssa.Value) {
	a := &g.a
	a.MovqXR(0, g.in(v.Args[0], tmp1))
	a.MovqXR(1, g.in(v.Args[1], tmp2))
	a.Ucomisd(0, 1)
	r, done := g.dst(v)
	a.Setcc(CondE, r)
	a.Setcc(CondNP, tmp1)
	a.AluRR(And, 1, r, tmp1)
	a.MovZXRR(1, r, r)
	done()
}

// store emits a store, of an immediate where the value is a constant, and
// byte-swapped in a scratch register where it is a folded Bswap. A
// pointer store first tests the runtime's write barrier flag: while the
// barrier is on, the store calls the runtime's barrier (barrierCall) or,
// without Machine.GCWriteBarrier, is an exit that Go performs with it.
// The flag cannot change while generated code runs (it changes only while
// the world is stopped, and generated code stops only at exits), so the
// test and the store agree.
func (g *gen) store(v *ssa.Value) {
	a := &g.a
	p, x := v.Args[0], v.Args[1]
	w := width(x.Type)
	if g.folded[x.ID] && x.Op == ssa.OpBswap && g.folded[x.Args[0].ID] {
		// Load, swap, store through one scratch register; the load's
		// address is made before the store's, as both may need tmp1.
		ld := x.Args[0]
		if lw := width(ld.Type); lw < 4 {
			a.MovZX(lw, tmp2, g.addr(ld.Args[0]))
		} else {
			a.Load(lw, tmp2, g.addr(ld.Args[0]))
		}
		a.Bswap(w, tmp2)
		a.Store(w, g.addr(p), tmp2)
		return
	}
	m := g.addr(p)
	if x.Type != ssa.TypePtr {
		g.plainStore(w, m, x)
		return
	}
	if g.writeBarrier == 0 {
		panic("a pointer store and no write barrier flag (Machine.WriteBarrier)")
	}
	a.MovImm(tmp0, int64(g.writeBarrier))
	a.MovZX(1, tmp0, At(tmp0, 0))
	a.TestRR(4, tmp0, tmp0)
	// The barrier's exit skips the plain store and resumes after it.
	cold := func() { g.barrierExit(m, x) }
	if g.gcWriteBarrier != 0 {
		cold = func() { g.barrierCall(m, x) }
	}
	g.outOfLine(CondNE, cold, func() { g.plainStore(w, m, x) })
}

// barrierCall stores the pointer x at m with the runtime's write barrier,
// as Go's compiler does: gcWriteBarrier2 gives room for two pointers in
// the P's buffer, which get x and the pointer at m it replaces, and then
// the store. The routine needs g in R14 (tmp3, free outside copies) and
// returns the room in R11, an allocatable register kept on the stack
// meanwhile; generated code leaves RSP alone otherwise, and the
// trampoline's stack check leaves the routine the room a NOSPLIT call
// chain has.
func (g *gen) barrierCall(m Mem, x *ssa.Value) {
	a := &g.a
	a.Lea(tmp0, m) // m's base is an allocatable register or tmp1, both intact
	g.inTo(x, tmp2)
	a.Push(R11)
	a.Load(8, tmp3, ctxWord(backend.CtxG))
	a.MovImm(tmp1, int64(g.gcWriteBarrier))
	a.CallR(tmp1)
	a.Store(8, At(R11, 0), tmp2)
	a.Load(8, tmp1, At(tmp0, 0))
	a.Store(8, At(R11, 8), tmp1)
	a.Pop(R11)
	a.Store(8, At(tmp0, 0), tmp2)
}

// plainStore stores x (of width w) at m: an immediate where x is a
// constant, byte-swapped in a scratch register where it is a folded Bswap.
func (g *gen) plainStore(w int, m Mem, x *ssa.Value) {
	a := &g.a
	switch {
	case x.Op == ssa.OpConst && fitsInt32(x.AuxInt):
		a.StoreImm(w, m, int32(x.AuxInt))
	case g.folded[x.ID] && x.Op == ssa.OpBswap:
		g.inTo(x.Args[0], tmp2)
		a.Bswap(w, tmp2)
		a.Store(w, m, tmp2)
	default:
		a.Store(w, m, g.in(x, tmp2))
	}
}

// barrierExit exits with ExitWriteBarrier for the store of x at m.
func (g *gen) barrierExit(m Mem, x *ssa.Value) {
	a := &g.a
	g.saveRegs()
	a.Lea(tmp0, m) // m's base is an allocatable register or tmp1, both intact
	a.Store(8, g.exitArg(0), tmp0)
	g.storeWord(g.exitArg(1), x)
	g.exitReturn(ssa.ExitWriteBarrier, nil, 2)
}

// exit saves the registers, leaves the exit's arguments and where to
// resume in the context, and returns the site's code; the driver serves
// the exit and re-enters through the resume stub, which restores the
// registers and jumps back here.
func (g *gen) exit(v *ssa.Value) {
	g.exitSite(ssa.ExitKind(v.AuxInt), v.Aux, v.Args[:len(v.Args)-1])
}

func (g *gen) exitSite(kind ssa.ExitKind, aux any, args []*ssa.Value) {
	if len(args) > backend.MaxExitArgs {
		panic(fmt.Sprintf("exit with %d arguments", len(args)))
	}
	g.saveRegs()
	for i, x := range args {
		g.storeWord(g.exitArg(i), x)
	}
	g.exitReturn(kind, aux, len(args))
}

// saveRegs saves every allocatable register in the context.
func (g *gen) saveRegs() {
	for i, r := range allocatable {
		g.a.Store(8, g.savedReg(i), r)
	}
}

// exitReturn records an exit site whose arguments are in place, leaves
// where to resume and returns the site's code.
func (g *gen) exitReturn(kind ssa.ExitKind, aux any, args int) {
	a := &g.a
	g.sites = append(g.sites, backend.Site{Kind: kind, Aux: aux, Args: args})
	g.resumes = append(g.resumes, a.LeaRIP(tmp0))
	a.Store(8, ctxWord(backend.CtxResume), tmp0)
	a.MovImm(RAX, int64(len(g.sites)))
	a.Ret()
	g.resumeT = append(g.resumeT, a.Len())
}

// stackPreempt is the value the runtime stores in g.stackguard0 to ask a
// goroutine to stop (runtime/stack.go: uintptrMask & -1314); gStackguard0
// is that field's offset in g, after g.stack's lo and hi. jit's start-up
// self-check verifies both before any code that reads them runs.
const (
	stackPreempt = -1314
	gStackguard0 = 16
)

// poll exits with ExitYield when the runtime wants the goroutine stopped:
// generated code cannot be preempted, so every backward jump (each loop
// iteration) looks. Returning to the driver, which re-enters through the
// trampoline's stack check, gives the runtime its safe point.
func (g *gen) poll() {
	a := &g.a
	a.Load(8, tmp0, ctxWord(backend.CtxG))
	a.Load(8, tmp0, At(tmp0, gStackguard0))
	a.AluRI(Cmp, 8, tmp0, stackPreempt)
	g.outOfLine(CondE, func() { g.exitSite(ssa.ExitYield, nil, nil) }, nil)
}
