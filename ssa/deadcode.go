package ssa

// deadCode removes blocks no path reaches and values nothing needs: a value
// is needed when it has an effect, controls a block, or is an argument of a
// needed value.
func deadCode(f *Func) {
	removeUnreachable(f)

	live := make([]bool, f.NumValues())
	var work []*Value
	mark := func(v *Value) {
		if v != nil && !live[v.ID] {
			live[v.ID] = true
			work = append(work, v)
		}
	}
	for _, b := range f.Blocks {
		mark(b.Control)
		for _, v := range b.Values {
			if v.hasEffect() {
				mark(v)
			}
		}
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		for _, a := range v.Args {
			mark(a)
		}
	}
	for _, b := range f.Blocks {
		kept := b.Values[:0]
		for _, v := range b.Values {
			if live[v.ID] {
				kept = append(kept, v)
			} else {
				f.values[v.ID] = nil
			}
		}
		b.Values = kept
	}
}

// removeUnreachable removes the blocks no path from the entry reaches, and
// their edges: the phis of the blocks they jumped to lose those arguments.
func removeUnreachable(f *Func) {
	reachable := make([]bool, f.nextB)
	for _, b := range Postorder(f) {
		reachable[b.ID] = true
	}
	var kept []*Block
	for _, b := range f.Blocks {
		if reachable[b.ID] {
			kept = append(kept, b)
			continue
		}
		for i := len(b.Succs) - 1; i >= 0; i-- {
			b.removeSucc(i)
		}
	}
	f.Blocks = kept
}
