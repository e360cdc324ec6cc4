package ssa

// phiElim replaces phis whose arguments are all one value (or the phi
// itself, around a loop) by a copy of that value. The builder makes such
// phis for every variable a branch or loop body leaves unchanged.
func phiElim(f *Func) {
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			for _, v := range b.Values {
				if v.Op != OpPhi {
					continue
				}
				if w := uniquePhiArg(v); w != nil {
					v.copyOf(w)
					changed = true
				}
			}
		}
	}
	for _, b := range f.Blocks {
		b.phisFirst()
	}
}

// uniquePhiArg returns the one value a phi merges, or nil.
func uniquePhiArg(v *Value) *Value {
	var w *Value
	for _, a := range v.Args {
		a = skipCopies(a)
		if a == v || a == w {
			continue
		}
		if w != nil {
			return nil
		}
		w = a
	}
	return w
}
