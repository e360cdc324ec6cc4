package ssa

import "fmt"

// Verify checks the invariants every pass must keep: blocks and edges
// agree, each value has the arguments and types its op needs, phis match
// their block's predecessors, and every use is dominated by its definition.
func Verify(f *Func) error {
	if f.Entry == nil || len(f.Entry.Preds) != 0 {
		return fmt.Errorf("%s: the entry block must exist and have no predecessors", f.Name)
	}
	inFunc := map[*Block]bool{}
	for _, b := range f.Blocks {
		inFunc[b] = true
	}
	for _, b := range f.Blocks {
		if err := verifyBlock(f, b, inFunc); err != nil {
			return fmt.Errorf("%s: b%d: %w", f.Name, b.ID, err)
		}
	}
	return verifyDominance(f)
}

func verifyBlock(f *Func, b *Block, inFunc map[*Block]bool) error {
	want := map[BlockKind]int{BlockPlain: 1, BlockIf: 2, BlockReturn: 0}
	n, ok := want[b.Kind]
	if !ok || len(b.Succs) != n {
		return fmt.Errorf("%s block with %d successors", b.Kind, len(b.Succs))
	}
	switch b.Kind {
	case BlockIf:
		if b.Control == nil || b.Control.Type != TypeBool {
			return fmt.Errorf("an If block needs a bool control")
		}
	case BlockReturn:
		if b.Control == nil {
			return fmt.Errorf("a Return block needs a result")
		}
	}
	for _, s := range b.Succs {
		if !inFunc[s] || s.PredIndex(b) < 0 {
			return fmt.Errorf("edge to b%d is not in its predecessors", s.ID)
		}
	}
	for _, p := range b.Preds {
		if !inFunc[p] {
			return fmt.Errorf("predecessor b%d is not in the function", p.ID)
		}
	}
	seenNonPhi := false
	for _, v := range b.Values {
		if v.Block != b || f.values[v.ID] != v {
			return fmt.Errorf("v%d is misplaced", v.ID)
		}
		if v.Op == OpPhi {
			if seenNonPhi {
				return fmt.Errorf("phi v%d after other values", v.ID)
			}
			if len(v.Args) != len(b.Preds) {
				return fmt.Errorf("phi v%d has %d args for %d predecessors", v.ID, len(v.Args), len(b.Preds))
			}
		} else {
			seenNonPhi = true
		}
		if err := verifyValue(v); err != nil {
			return fmt.Errorf("%s: %w", v.LongString(), err)
		}
	}
	return nil
}

func verifyValue(v *Value) error {
	info := opTable[v.Op]
	if v.Op == OpInvalid || v.Op >= Op(len(opTable)) {
		return fmt.Errorf("invalid op")
	}
	if info.args >= 0 && len(v.Args) != info.args {
		return fmt.Errorf("%d args, want %d", len(v.Args), info.args)
	}
	for _, a := range v.Args {
		if a == nil || a.Block == nil || a.Block.Func != v.Block.Func {
			return fmt.Errorf("argument from elsewhere")
		}
	}
	arg := func(i int) Type { return v.Args[i].Type }
	switch v.Op {
	case OpInitMem:
		return expect(v.Type == TypeMem, "InitMem is mem")
	case OpArg, OpConst:
		return expect(v.Type.IsInt() || v.Type == TypePtr || v.Type == TypeBool, "scalar type")
	case OpCopy:
		return expect(v.Type == arg(0), "same type as its argument")
	case OpPhi:
		for i := range v.Args {
			if arg(i) != v.Type {
				return fmt.Errorf("phi argument %d is %s", i, arg(i))
			}
		}
	case OpAdd, OpSub, OpMul, OpAnd, OpOr, OpShr:
		return expect(v.Type.IsInt() && arg(0) == v.Type && arg(1) == v.Type, "integers of one type")
	case OpAddPtr:
		return expect(v.Type == TypePtr && arg(0) == TypePtr && arg(1) == TypeI64, "ptr + i64")
	case OpBswap:
		return expect(v.Type == arg(0) && v.Type.Size() >= 2 && v.Type.IsInt(), "i16, i32 or i64")
	case OpSignExt, OpZeroExt:
		return expect(v.Type.IsInt() && arg(0).IsInt() && arg(0).Size() < v.Type.Size(), "widening")
	case OpTrunc:
		return expect(v.Type.IsInt() && arg(0).IsInt() && arg(0).Size() > v.Type.Size(), "narrowing")
	case OpEq, OpNe, OpLtU, OpLt:
		return expect(v.Type == TypeBool && arg(0) == arg(1) && arg(0) != TypeMem && arg(0) != TypeTuple, "comparison of one type")
	case OpEqF:
		return expect(v.Type == TypeBool && arg(0) == TypeI64 && arg(1) == TypeI64, "i64 bit patterns of doubles")
	case OpLoad:
		return expect(arg(0) == TypePtr && arg(1) == TypeMem && v.Type.Size() > 0, "Load <T> ptr mem")
	case OpStore:
		return expect(v.Type == TypeMem && arg(0) == TypePtr && arg(2) == TypeMem && arg(1).Size() > 0, "Store ptr val mem")
	case OpMove:
		return expect(v.Type == TypeMem && arg(0) == TypePtr && arg(1) == TypePtr && arg(2) == TypeI64 && arg(3) == TypeMem, "Move dst src len mem")
	case OpExit:
		return expect(v.Type == TypeTuple && len(v.Args) > 0 && arg(len(v.Args)-1) == TypeMem, "Exit args... mem")
	case OpSelectValue:
		return expect(arg(0) == TypeTuple && v.Type != TypeMem, "SelectValue of a tuple")
	case OpSelectMem:
		return expect(arg(0) == TypeTuple && v.Type == TypeMem, "SelectMem of a tuple")
	}
	return nil
}

func expect(ok bool, what string) error {
	if !ok {
		return fmt.Errorf("want %s", what)
	}
	return nil
}

// verifyDominance checks that every argument's definition dominates its use
// (for a phi, the end of the matching predecessor).
func verifyDominance(f *Func) error {
	idom := Dominators(f)
	pos := make([]int, f.NumValues())
	for _, b := range f.Blocks {
		for i, v := range b.Values {
			pos[v.ID] = i
		}
	}
	dominates := func(def *Value, useBlock *Block, usePos int) bool {
		if def.Block == useBlock {
			return pos[def.ID] < usePos
		}
		return blockDominates(idom, def.Block, useBlock)
	}
	for _, b := range f.Blocks {
		if idom[b.ID] == nil && b != f.Entry {
			continue // unreachable blocks are not checked
		}
		for i, v := range b.Values {
			for k, a := range v.Args {
				ok := false
				if v.Op == OpPhi {
					p := b.Preds[k]
					ok = dominates(a, p, len(p.Values))
				} else {
					ok = dominates(a, b, i)
				}
				if !ok {
					return fmt.Errorf("%s: b%d: %s uses v%d, which does not dominate it", f.Name, b.ID, v.LongString(), a.ID)
				}
			}
		}
		if c := b.Control; c != nil && !dominates(c, b, len(b.Values)) {
			return fmt.Errorf("%s: b%d: control v%d does not dominate the block's end", f.Name, b.ID, c.ID)
		}
	}
	return nil
}
