package amd64

import (
	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ssa"
)

// loc returns where v lives.
func (g *gen) loc(v *ssa.Value) backend.Loc { return g.al.Loc[v.ID] }

// exitArg returns the context operand of exit argument i.
func (g *gen) exitArg(i int) Mem { return ctxWord(g.layout.ExitArgs + i) }

// savedReg returns the context operand where allocatable register i is
// saved across an exit.
func (g *gen) savedReg(i int) Mem { return ctxWord(g.layout.Regs + i) }

// in returns a register holding v: its own, or scratch after loading v
// from its slot or materializing a constant.
func (g *gen) in(v *ssa.Value, scratch Reg) Reg {
	if l := g.loc(v); l.InReg() {
		return allocatable[l.Reg]
	}
	g.inTo(v, scratch)
	return scratch
}

// inTo puts v into register r.
func (g *gen) inTo(v *ssa.Value, r Reg) {
	a := &g.a
	if v.Op == ssa.OpConst {
		a.MovImm(r, v.AuxInt)
		return
	}
	if g.folded[v.ID] {
		panic("a folded " + v.Op.String() + " used as a register")
	}
	l := g.loc(v)
	switch {
	case l.InReg():
		if allocatable[l.Reg] != r {
			a.MovRR(8, r, allocatable[l.Reg])
		}
	case l.Word >= 0:
		a.Load(8, r, ctxWord(l.Word))
	default:
		panic("value without a location: " + v.Op.String())
	}
}

// dst returns the register to compute v into; done stores it to v's slot
// when v lives in one.
func (g *gen) dst(v *ssa.Value) (r Reg, done func()) {
	if l := g.loc(v); l.InReg() {
		return allocatable[l.Reg], func() {}
	} else if l.Word >= 0 {
		return tmp0, func() { g.a.Store(8, ctxWord(l.Word), tmp0) }
	}
	panic("value without a location: " + v.Op.String())
}

// storeWord stores v as a 64-bit word at m.
func (g *gen) storeWord(m Mem, v *ssa.Value) {
	if v.Op == ssa.OpConst && fitsInt32(v.AuxInt) {
		g.a.StoreImm(8, m, int32(v.AuxInt))
		return
	}
	g.a.Store(8, m, g.in(v, tmp0))
}

// addr returns the memory operand of the address p, folding constant
// offsets; its base register is loaded into tmp1 if it must be.
func (g *gen) addr(p *ssa.Value) Mem {
	var disp int64
	for g.folded[p.ID] && p.Op == ssa.OpAddPtr {
		disp += p.Args[1].AuxInt
		p = p.Args[0]
	}
	if !fitsInt32(disp) {
		panic("address offset out of range")
	}
	if p.Op == ssa.OpConst {
		g.a.MovImm(tmp1, p.AuxInt)
		return At(tmp1, int32(disp))
	}
	return At(g.in(p, tmp1), int32(disp))
}

// width returns the bytes of a value of type t in memory and in
// comparisons.
func width(t ssa.Type) int {
	if t == ssa.TypeBool {
		return 1
	}
	return t.Size()
}

// aluWidth is the width arithmetic on t runs at: 32 bits for the narrow
// types (their upper bits are undefined in a register), else 64.
func aluWidth(t ssa.Type) int {
	if t.Size() == 8 {
		return 8
	}
	return 4
}
