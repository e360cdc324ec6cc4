package ssa

// copyOf turns v into a copy of w: uses of v then reach w through copy
// propagation, and dead-code elimination removes v.
func (v *Value) copyOf(w *Value) {
	v.Op, v.Args, v.AuxInt, v.Aux = OpCopy, []*Value{w}, 0, nil
}

// skipCopies follows a chain of copies to the value they copy.
func skipCopies(v *Value) *Value {
	for v != nil && v.Op == OpCopy {
		v = v.Args[0]
	}
	return v
}

// removeSucc removes the edge from b to its i-th successor, and the
// matching argument of that successor's phis.
func (b *Block) removeSucc(i int) {
	s := b.Succs[i]
	j := s.PredIndex(b)
	s.Preds = append(s.Preds[:j], s.Preds[j+1:]...)
	for _, v := range s.Values {
		if v.Op == OpPhi {
			v.Args = append(v.Args[:j], v.Args[j+1:]...)
		}
	}
	b.Succs = append(b.Succs[:i], b.Succs[i+1:]...)
}

// phisFirst moves a block's phis before its other values, keeping order.
func (b *Block) phisFirst() {
	var phis, rest []*Value
	for _, v := range b.Values {
		if v.Op == OpPhi {
			phis = append(phis, v)
		} else {
			rest = append(rest, v)
		}
	}
	b.Values = append(phis, rest...)
}

// isPure reports whether v computes a result from its arguments alone and
// has no effect, so that it may be shared (CSE) or dropped when unused.
func (v *Value) isPure() bool {
	switch v.Op {
	case OpStore, OpMove, OpExit, OpInitMem, OpPhi, OpCopy, OpInvalid:
		return false
	}
	return true
}

// hasEffect reports whether v must run even when nothing uses its result.
func (v *Value) hasEffect() bool {
	switch v.Op {
	case OpStore, OpMove, OpExit:
		return true
	}
	return false
}
