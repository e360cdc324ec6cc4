package ssa

import "github.com/frugaljit/frugal/wire"

// checkMerge gives a run of fixed-size writes (or reads) one bounds check.
// A guard "if limit < pos+k { fail }" whose success path reaches, through
// straight-line code, another guard of the same error class on the same
// limit at a constant distance further on absorbs it: the first bound grows
// to cover both, the second becomes a jump. Failing earlier reports the same
// error class; it only leaves fewer bytes written to a buffer that was too
// short anyway.
func checkMerge(f *Func) {
	for _, b := range f.Blocks {
		g, ok := matchGuard(b)
		if !ok {
			continue
		}
		for {
			next, dist, found := nextGuard(g)
			if !found {
				break
			}
			need := dist + next.need
			if need < g.need {
				need = g.need
			}
			g.widen(need)
			next.block.removeSucc(0) // the failure edge
			next.block.Kind, next.block.Control, next.block.Likely = BlockPlain, nil, -1
		}
	}
}

// guard is a bounds check the builders make: block ends in
// If (LtU limit (Add pos (Const need))) -> fail, ok, where fail records an
// error of class and returns.
type guard struct {
	block       *Block
	limit, pos  *Value
	need        int64
	class       error
	failBlock   *Block
	okBlock     *Block
	cond, bound *Value
}

func matchGuard(b *Block) (guard, bool) {
	if b.Kind != BlockIf || b.Likely != 1 {
		return guard{}, false
	}
	cond := b.Control
	if cond.Op != OpLtU || cond.Args[1].Op != OpAdd || cond.Args[1].Args[1].Op != OpConst {
		return guard{}, false
	}
	class := failureClass(b.Succs[0])
	if class == nil {
		return guard{}, false
	}
	end := cond.Args[1]
	return guard{block: b, limit: cond.Args[0], pos: end.Args[0], need: end.Args[1].AuxInt, class: class,
		failBlock: b.Succs[0], okBlock: b.Succs[1], cond: cond, bound: end}, true
}

// failureClass returns the error class a failure block records, or nil if
// the block is not one.
func failureClass(b *Block) error {
	if b.Kind != BlockReturn || len(b.Preds) != 1 {
		return nil
	}
	for _, v := range b.Values {
		if v.Op == OpExit && ExitKind(v.AuxInt) == ExitFail {
			if e, ok := v.Aux.(*wire.Error); ok {
				return e.Class
			}
		}
	}
	return nil
}

// nextGuard follows g's success path through blocks with one predecessor
// and no exits to the next guard of the same class and limit, and returns
// it with its distance from g's position.
func nextGuard(g guard) (guard, int64, bool) {
	b := g.okBlock
	for {
		if len(b.Preds) != 1 {
			return guard{}, 0, false
		}
		for _, v := range b.Values {
			if v.Op == OpExit || v.Op == OpPhi {
				return guard{}, 0, false
			}
		}
		if n, ok := matchGuard(b); ok {
			if n.class != g.class || n.limit != g.limit {
				return guard{}, 0, false
			}
			dist, ok := offsetFrom(n.pos, g.pos)
			return n, dist, ok && dist >= 0
		}
		if b.Kind != BlockPlain {
			return guard{}, 0, false
		}
		b = b.Succs[0]
	}
}

// offsetFrom returns c when v is base plus constants c.
func offsetFrom(v, base *Value) (int64, bool) {
	var c int64
	for v != base {
		if v.Op != OpAdd || v.Args[1].Op != OpConst {
			return 0, false
		}
		c += v.Args[1].AuxInt
		v = v.Args[0]
	}
	return c, true
}

// widen makes the guard check for need bytes, with new values so that other
// uses of the old bound keep their meaning.
func (g *guard) widen(need int64) {
	b := g.block
	c := b.NewValue(OpConst, TypeI64, need)
	end := b.NewValue(OpAdd, TypeI64, 0, g.pos, c)
	b.Control = b.NewValue(OpLtU, TypeBool, 0, g.limit, end)
	g.need = need
}
