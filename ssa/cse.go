package ssa

// cse replaces a pure value by an equal one (same op, type, constant and
// arguments) that dominates it, walking the dominator tree with a scoped
// table. Loads are pure here: two loads with the same address and the same
// memory argument read the same bytes.
func cse(f *Func) {
	idom := Dominators(f)
	children := make([][]*Block, f.nextB)
	for _, b := range f.Blocks {
		if d := idom[b.ID]; d != nil {
			children[d.ID] = append(children[d.ID], b)
		}
	}
	type key struct {
		op     Op
		t      Type
		auxInt int64
		n      int
		args   [4]int
	}
	table := map[key]*Value{}
	var walk func(b *Block)
	walk = func(b *Block) {
		var added []key
		for _, v := range b.Values {
			if !v.isPure() || v.Aux != nil || len(v.Args) > 4 {
				continue
			}
			k := key{op: v.Op, t: v.Type, auxInt: v.AuxInt, n: len(v.Args)}
			for i, a := range v.Args {
				k.args[i] = a.ID
			}
			if w := table[k]; w != nil {
				v.copyOf(w)
				continue
			}
			table[k] = v
			added = append(added, k)
		}
		for _, c := range children[b.ID] {
			walk(c)
		}
		for _, k := range added {
			delete(table, k)
		}
	}
	walk(f.Entry)
}
