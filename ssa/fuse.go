package ssa

// fuse merges a block into its predecessor when that predecessor jumps only
// to it and it has no other predecessor: straight-line code becomes one
// block, so later passes (store combining) and the backends see it whole.
func fuse(f *Func) {
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			if b.Kind != BlockPlain || len(b.Succs) != 1 {
				continue
			}
			s := b.Succs[0]
			if s == b || s == f.Entry || len(s.Preds) != 1 {
				continue
			}
			for _, v := range s.Values {
				if v.Op == OpPhi { // one predecessor: the phi is its argument
					v.copyOf(v.Args[0])
				}
				v.Block = b
			}
			b.Values = append(b.Values, s.Values...)
			b.Kind, b.Control, b.Likely = s.Kind, s.Control, s.Likely
			b.Cold = b.Cold && s.Cold
			b.Succs = s.Succs
			for _, t := range s.Succs {
				t.Preds[t.PredIndex(s)] = b
			}
			s.Values, s.Succs, s.Preds, s.Kind, s.Control = nil, nil, nil, BlockInvalid, nil
			changed = true
		}
		if changed {
			kept := f.Blocks[:0]
			for _, b := range f.Blocks {
				if b.Kind != BlockInvalid {
					kept = append(kept, b)
				}
			}
			f.Blocks = kept
		}
	}
}
