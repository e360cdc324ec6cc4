package ssa

// loadCombine reads two neighbouring values of one width, loaded in the
// same block from the same memory state, with one load of twice the width:
// the first is its low half, the second its high half shifted down (memory
// is little-endian). The wide load reads exactly the bytes the two narrow
// ones read, and both ran anyway, so it is as safe as they were: one memory
// access where there were two. Neighbouring fields of a Go struct read in a
// row (two bools, two int32s) and the two type bytes of a map header are
// such pairs.
func loadCombine(f *Func) {
	for _, b := range f.Blocks {
		type place struct {
			base, mem *Value
			off       int64
			size      int
		}
		index := map[place]*Value{}
		position := map[*Value]int{}
		values := append([]*Value(nil), b.Values...)
		for i, v := range values {
			if v.Op == OpLoad && v.Type.IsInt() {
				base, off := baseOffset(v.Args[0])
				index[place{base, v.Args[1], off, v.Type.Size()}] = v
				position[v] = i
			}
		}
		done := map[*Value]bool{}
		for _, first := range values {
			if first.Op != OpLoad || !first.Type.IsInt() || done[first] || 2*first.Type.Size() > 8 {
				continue
			}
			base, off := baseOffset(first.Args[0])
			size := first.Type.Size()
			second := index[place{base, first.Args[1], off + int64(size), size}]
			if second == nil || done[second] || position[second] < position[first] {
				continue
			}
			done[first], done[second] = true, true
			wide := b.NewValue(OpLoad, IntType(2*size), 0, first.Args[0], first.Args[1])
			moveBefore(wide, first)
			shift := b.NewValue(OpConst, IntType(2*size), int64(8*size))
			moveBefore(shift, second)
			high := b.NewValue(OpShr, IntType(2*size), 0, wide, shift)
			moveBefore(high, second)
			first.Op, first.Args = OpTrunc, []*Value{wide}
			second.Op, second.Args = OpTrunc, []*Value{high}
		}
	}
}

// baseOffset splits an address into a base and a constant offset.
func baseOffset(p *Value) (*Value, int64) {
	if p.Op == OpAddPtr && isConst(p.Args[1]) {
		return p.Args[0], p.Args[1].AuxInt
	}
	return p, 0
}
