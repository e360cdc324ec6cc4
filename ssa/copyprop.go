package ssa

// copyProp makes every use of a copy use the copied value instead.
func copyProp(f *Func) {
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			for i, a := range v.Args {
				v.Args[i] = skipCopies(a)
			}
		}
		b.Control = skipCopies(b.Control)
	}
}
