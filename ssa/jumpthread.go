package ssa

// jumpThread removes merge blocks that hold nothing but phis and jump on:
// each of their predecessors jumps straight to the block after, whose phis
// take the value that came from that predecessor. The builders make such a
// block at every join of an if, so without threading the hot path of a
// decoded field takes a jump for every level of branching it sits in.
func jumpThread(f *Func) {
	for {
		users := phiUsers(f)
		touched := map[*Block]bool{}
		changed := false
		for _, j := range f.Blocks {
			if !threadable(f, j, users) || touched[j] || touched[j.Succs[0]] {
				continue
			}
			s := j.Succs[0]
			touched[s] = true
			for _, p := range j.Preds {
				touched[p] = true
			}
			threadThrough(j)
			changed = true
		}
		if !changed {
			return
		}
		kept := f.Blocks[:0]
		for _, b := range f.Blocks {
			if b.Kind != BlockInvalid {
				kept = append(kept, b)
			}
		}
		f.Blocks = kept
	}
}

// phiUse is where a value is used: an argument of a value, or (user nil)
// a block's control.
type phiUse struct {
	user *Value
	arg  int
}

// phiUsers lists the uses of every phi, by value ID.
func phiUsers(f *Func) map[int][]phiUse {
	users := map[int][]phiUse{}
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			for i, a := range v.Args {
				if a != nil && a.Op == OpPhi {
					users[a.ID] = append(users[a.ID], phiUse{v, i})
				}
			}
		}
		if c := b.Control; c != nil && c.Op == OpPhi {
			users[c.ID] = append(users[c.ID], phiUse{nil, 0})
		}
	}
	return users
}

// threadable reports whether j is a merge block threading can remove: it
// jumps to another block s, holds only phis, those phis are used only by
// the phis of s on the edge from j, and no predecessor of j reaches s
// already (an edge appears at most once between two blocks).
func threadable(f *Func, j *Block, users map[int][]phiUse) bool {
	if j == f.Entry || j.Kind != BlockPlain || len(j.Preds) == 0 {
		return false
	}
	s := j.Succs[0]
	if s == j {
		return false
	}
	k := s.PredIndex(j)
	for _, v := range j.Values {
		if v.Op != OpPhi {
			return false
		}
		for _, u := range users[v.ID] {
			if u.user == nil || u.user.Op != OpPhi || u.user.Block != s || u.arg != k {
				return false
			}
		}
	}
	seen := map[*Block]bool{}
	for _, p := range s.Preds {
		seen[p] = true
	}
	for _, p := range j.Preds {
		if seen[p] || p == j {
			return false
		}
		seen[p] = true
	}
	return true
}

// threadThrough sends each predecessor of j straight to j's successor and
// removes j.
func threadThrough(j *Block) {
	s := j.Succs[0]
	k := s.PredIndex(j)
	for i, p := range j.Preds {
		for n, t := range p.Succs {
			if t == j {
				p.Succs[n] = s
			}
		}
		s.Preds = append(s.Preds, p)
		for _, v := range s.Values {
			if v.Op != OpPhi {
				continue
			}
			a := v.Args[k]
			if a.Op == OpPhi && a.Block == j {
				a = a.Args[i]
			}
			v.Args = append(v.Args, a)
		}
	}
	s.Preds = append(s.Preds[:k], s.Preds[k+1:]...)
	for _, v := range s.Values {
		if v.Op == OpPhi {
			v.Args = append(v.Args[:k], v.Args[k+1:]...)
		}
	}
	j.Values, j.Succs, j.Preds, j.Kind, j.Control = nil, nil, nil, BlockInvalid, nil
}
