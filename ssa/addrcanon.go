package ssa

// addrCanon rewrites addresses into one shape, base + constant:
// AddPtr(p, Add(x, c)) becomes AddPtr(AddPtr(p, x), c). Positions advance by
// constants, so after this (and CSE) every write of a straight-line run
// shares one base address, which is what store combining and the backends'
// addressing modes need.
func addrCanon(f *Func) {
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			for _, v := range append([]*Value(nil), b.Values...) {
				if v.Op != OpAddPtr {
					continue
				}
				x := v.Args[1]
				if x.Op != OpAdd || x.Args[1].Op != OpConst {
					continue
				}
				inner := b.NewValue(OpAddPtr, TypePtr, 0, v.Args[0], x.Args[0])
				moveBefore(inner, v)
				c := b.NewValue(OpConst, TypeI64, x.Args[1].AuxInt)
				moveBefore(c, v)
				v.Args = []*Value{inner, c}
				changed = true
			}
		}
		if changed {
			constFold(f) // (q + a) + b becomes q + (a+b)
		}
	}
}
