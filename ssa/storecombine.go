package ssa

// storeCombine merges constant stores to neighbouring bytes. The pattern
// the encoders produce for every field header is a 1-byte store of the wire
// type and a 2-byte store of the field id, at base+o and base+o+1, followed
// in the same block by a store at base+o+3 (the field's value). The two
// become one 4-byte store at base+o whose fourth byte the later store
// overwrites; the bounds check before them covers that byte because it
// covers the later store.
func storeCombine(f *Func) {
	for _, b := range f.Blocks {
		for _, s1 := range append([]*Value(nil), b.Values...) { // combining inserts constants
			if s1.Op != OpStore || s1.Args[1].Op != OpConst || s1.Args[1].Type.Size() != 1 {
				continue
			}
			i := indexIn(b, s1)
			base, o := addrParts(s1.Args[0])
			s2, j := nextStore(b, i)
			if s2 == nil || s2.Args[2] != s1 || s2.Args[1].Op != OpConst || s2.Args[1].Type.Size() != 2 {
				continue
			}
			if b2, o2 := addrParts(s2.Args[0]); b2 != base || o2 != o+1 {
				continue
			}
			if !laterStoreAt(b, j, base, o+3) {
				continue
			}
			c := b.NewValue(OpConst, TypeI32, canonical(TypeI32, s1.Args[1].AuxInt|s2.Args[1].AuxInt<<8))
			moveBefore(c, s1)
			s1.Args[1] = c // now a 4-byte store; its last byte is rewritten later
			s2.copyOf(s1)  // its memory result is s1's
		}
	}
}

// addrParts splits an address into a base and a constant offset.
func addrParts(p *Value) (*Value, int64) {
	if p.Op == OpAddPtr && p.Args[1].Op == OpConst {
		return p.Args[0], p.Args[1].AuxInt
	}
	return p, 0
}

// nextStore returns the first store after b.Values[i] and its index, or
// nil if a value that may read the stored memory or hands memory over comes
// first.
func nextStore(b *Block, i int) (*Value, int) {
	root := addrRoot(b.Values[i].Args[0])
	for j := i + 1; j < len(b.Values); j++ {
		switch v := b.Values[j]; v.Op {
		case OpStore:
			return v, j
		case OpLoad:
			if addrRoot(v.Args[0]) == root {
				return nil, 0
			}
		case OpMove, OpExit:
			return nil, 0
		}
	}
	return nil, 0
}

// addrRoot follows pointer arithmetic back to the pointer it starts from.
// Distinct roots that are arguments, or pointers loaded from memory, name
// distinct objects in codec programs: the output buffer never overlaps the
// value being encoded, and the input never overlaps the value being decoded.
func addrRoot(p *Value) *Value {
	for p.Op == OpAddPtr {
		p = p.Args[0]
	}
	return p
}

// laterStoreAt reports whether a store to base+o follows b.Values[i] in the
// block before anything may read base's memory or hands memory over.
func laterStoreAt(b *Block, i int, base *Value, o int64) bool {
	root := addrRoot(base)
	for j := i + 1; j < len(b.Values); j++ {
		switch v := b.Values[j]; v.Op {
		case OpStore:
			if bs, os := addrParts(v.Args[0]); bs == base && os == o {
				return true
			}
		case OpLoad:
			if addrRoot(v.Args[0]) == root {
				return false
			}
		case OpMove, OpExit:
			return false
		}
	}
	return false
}

// indexIn returns v's position in its block.
func indexIn(b *Block, v *Value) int {
	for i, w := range b.Values {
		if w == v {
			return i
		}
	}
	return -1
}
