package ssa

// Dominators returns each block's immediate dominator, indexed by block ID
// (nil for the entry and for unreachable blocks). It iterates to a fixed
// point over reverse postorder (Cooper, Harvey and Kennedy's method), which
// is plenty for functions of codec size.
func Dominators(f *Func) []*Block {
	order := Postorder(f)
	rpo := make([]int, f.nextB) // postorder number + 1; 0 = unreachable
	for i, b := range order {
		rpo[b.ID] = i + 1
	}
	idom := make([]*Block, f.nextB)
	idom[f.Entry.ID] = f.Entry
	for changed := true; changed; {
		changed = false
		for i := len(order) - 1; i >= 0; i-- {
			b := order[i]
			if b == f.Entry {
				continue
			}
			var d *Block
			for _, p := range b.Preds {
				if idom[p.ID] == nil {
					continue
				}
				if d == nil {
					d = p
				} else {
					d = intersect(idom, rpo, p, d)
				}
			}
			if d != nil && idom[b.ID] != d {
				idom[b.ID] = d
				changed = true
			}
		}
	}
	idom[f.Entry.ID] = nil
	return idom
}

func intersect(idom []*Block, rpo []int, a, b *Block) *Block {
	for a != b {
		for rpo[a.ID] < rpo[b.ID] {
			a = idom[a.ID]
		}
		for rpo[b.ID] < rpo[a.ID] {
			b = idom[b.ID]
		}
	}
	return a
}

// blockDominates reports whether a dominates b.
func blockDominates(idom []*Block, a, b *Block) bool {
	for ; b != nil; b = idom[b.ID] {
		if a == b {
			return true
		}
	}
	return false
}

// Postorder returns the blocks reachable from the entry in postorder.
func Postorder(f *Func) []*Block {
	seen := make([]bool, f.nextB)
	var order []*Block
	var visit func(b *Block)
	visit = func(b *Block) {
		seen[b.ID] = true
		for _, s := range b.Succs {
			if !seen[s.ID] {
				visit(s)
			}
		}
		order = append(order, b)
	}
	visit(f.Entry)
	return order
}
