package ssa

// layout orders the blocks for the backends: each block's likely successor
// follows it where it can, so the common path falls through, and cold
// blocks (failure paths) go to the end, out of line.
func layout(f *Func) {
	cold := coldBlocks(f)
	placed := make([]bool, f.nextB)
	var hot, out []*Block
	work := []*Block{f.Entry} // chain heads, in the order they were found
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		for b != nil && !placed[b.ID] { // one chain: follow the likely successor
			placed[b.ID] = true
			if cold[b.ID] {
				out = append(out, b)
			} else {
				hot = append(hot, b)
			}
			var next *Block
			for _, s := range preferredSuccs(b) {
				switch {
				case placed[s.ID]:
				case next == nil:
					next = s
				default:
					work = append(work, s)
				}
			}
			b = next
		}
	}
	for _, b := range f.Blocks { // unreachable ones keep a place at the end
		if !placed[b.ID] {
			out = append(out, b)
		}
	}
	f.Blocks = append(hot, out...)
}

// preferredSuccs returns b's successors, the likely one first.
func preferredSuccs(b *Block) []*Block {
	if b.Kind == BlockIf && b.Likely == 1 {
		return []*Block{b.Succs[1], b.Succs[0]}
	}
	return b.Succs
}

// coldBlocks marks the blocks that run only when something failed: those
// the builder marked Cold, and every block that only cold blocks lead to.
func coldBlocks(f *Func) []bool {
	cold := make([]bool, f.nextB)
	for _, b := range f.Blocks {
		cold[b.ID] = b.Cold
	}
	for changed := true; changed; {
		changed = false
		for _, b := range f.Blocks {
			if cold[b.ID] || b == f.Entry || len(b.Preds) == 0 {
				continue
			}
			all := true
			for _, p := range b.Preds {
				if !cold[p.ID] {
					all = false
					break
				}
			}
			if all {
				cold[b.ID] = true
				changed = true
			}
		}
	}
	return cold
}

// TakenJumps counts the edges from a block to its likely (or only)
// successor that do not fall through to the next block in order: what
// layout minimizes.
func TakenJumps(f *Func) int {
	n := 0
	for i, b := range f.Blocks {
		if b.Kind == BlockReturn {
			continue
		}
		want := preferredSuccs(b)[0]
		if i+1 >= len(f.Blocks) || f.Blocks[i+1] != want {
			n++
		}
	}
	return n
}
