package amd64

import (
	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ssa"
)

// operand is the source or destination of a phi move: a register, a
// context word (a spill slot, or an argument's word as a source), or (as a
// source) a constant.
type operand struct {
	reg   Reg // valid when word < 0 and !konst
	word  int
	c     int64
	konst bool
}

func (o operand) same(p operand) bool {
	return !o.konst && !p.konst && o.word == p.word && (o.word >= 0 || o.reg == p.reg)
}

func (g *gen) operandOf(v *ssa.Value) operand {
	if v.Op == ssa.OpConst {
		return operand{c: v.AuxInt, konst: true, word: -1}
	}
	return locOperand(g.loc(v))
}

func locOperand(l backend.Loc) operand {
	if l.InReg() {
		return operand{reg: allocatable[l.Reg], word: -1}
	}
	return operand{word: l.Word}
}

type move struct{ dst, src operand }

// phiMoves emits the moves of the phis of to for the edge from b, as one
// parallel assignment: a move waits until no other pending move reads its
// destination, and a cycle is broken through tmp0.
func (g *gen) phiMoves(b, to *ssa.Block) {
	k := to.PredIndex(b)
	var ms []move
	for _, v := range to.Values {
		if v.Op != ssa.OpPhi {
			continue
		}
		m := move{locOperand(g.loc(v)), g.operandOf(v.Args[k])}
		if !m.dst.same(m.src) {
			ms = append(ms, m)
		}
	}
	for len(ms) > 0 {
		progress := false
		for i := 0; i < len(ms); i++ {
			blocked := false
			for j, o := range ms {
				if j != i && o.src.same(ms[i].dst) {
					blocked = true
					break
				}
			}
			if !blocked {
				g.emitMove(ms[i])
				ms = append(ms[:i], ms[i+1:]...)
				i--
				progress = true
			}
		}
		if !progress { // a cycle: park one destination's old value in tmp0
			parked := ms[0].dst
			g.emitMove(move{operand{reg: tmp0, word: -1}, parked})
			for j := range ms {
				if ms[j].src.same(parked) {
					ms[j].src = operand{reg: tmp0, word: -1}
				}
			}
		}
	}
}

func (g *gen) emitMove(m move) {
	a := &g.a
	switch {
	case m.src.konst && m.dst.word < 0:
		a.MovImm(m.dst.reg, m.src.c)
	case m.src.konst && fitsInt32(m.src.c):
		a.StoreImm(8, ctxWord(m.dst.word), int32(m.src.c))
	case m.src.konst:
		a.MovImm(tmp1, m.src.c)
		a.Store(8, ctxWord(m.dst.word), tmp1)
	case m.src.word < 0 && m.dst.word < 0:
		a.MovRR(8, m.dst.reg, m.src.reg)
	case m.src.word < 0:
		a.Store(8, ctxWord(m.dst.word), m.src.reg)
	case m.dst.word < 0:
		a.Load(8, m.dst.reg, ctxWord(m.src.word))
	default:
		a.Load(8, tmp1, ctxWord(m.src.word))
		a.Store(8, ctxWord(m.dst.word), tmp1)
	}
}
