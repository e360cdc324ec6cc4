package ssa

// builder turns a structured codec program into blocks. It tracks the
// current block and a few variables (memory, and the size or position)
// whose values merge through phis where control flow joins.
type builder struct {
	f    *Func
	b    *Block   // the block being filled
	vars []*Value // vars[varMem] is the memory; the others are per mode
}

const varMem = 0

func (bd *builder) mem() *Value { return bd.vars[varMem] }

func (bd *builder) value(op Op, t Type, auxInt int64, args ...*Value) *Value {
	return bd.b.NewValue(op, t, auxInt, args...)
}

func (bd *builder) iconst(t Type, c int64) *Value { return bd.value(OpConst, t, c) }

// ptrAt returns base+off.
func (bd *builder) ptrAt(base *Value, off uintptr) *Value {
	if off == 0 {
		return base
	}
	return bd.value(OpAddPtr, TypePtr, 0, base, bd.iconst(TypeI64, int64(off)))
}

func (bd *builder) load(t Type, p *Value) *Value { return bd.value(OpLoad, t, 0, p, bd.mem()) }

func (bd *builder) add(x, y *Value) *Value { return bd.value(OpAdd, x.Type, 0, x, y) }

// exit hands control to the driver and returns its result, of type t.
func (bd *builder) exit(kind ExitKind, aux any, t Type, args ...*Value) *Value {
	tuple := bd.value(OpExit, TypeTuple, int64(kind), append(args, bd.mem())...)
	tuple.Aux = aux
	bd.vars[varMem] = bd.value(OpSelectMem, TypeMem, 0, tuple)
	return bd.value(OpSelectValue, t, 0, tuple)
}

// ifElse branches on cond: then runs in one arm, els (which may be nil) in
// the other, and the variables merge after. An arm may end the function
// (bd.b == nil after it); then only the other arm reaches the join.
func (bd *builder) ifElse(cond *Value, then, els func()) {
	f := bd.f
	tb, eb, join := f.NewBlock(BlockPlain), f.NewBlock(BlockPlain), f.NewBlock(BlockPlain)
	bd.b.Kind, bd.b.Control = BlockIf, cond
	bd.b.AddEdge(tb)
	bd.b.AddEdge(eb)
	start := append([]*Value(nil), bd.vars...)
	bd.b = tb
	then()
	var arms [][]*Value
	if bd.b != nil {
		arms = append(arms, append([]*Value(nil), bd.vars...))
		bd.b.AddEdge(join)
	}
	copy(bd.vars, start)
	bd.b = eb
	if els != nil {
		els()
	}
	if bd.b != nil {
		arms = append(arms, append([]*Value(nil), bd.vars...))
		bd.b.AddEdge(join)
	}
	bd.b = join
	switch len(arms) {
	case 0:
		panic("ssa: both arms of a branch end the function")
	case 1:
		copy(bd.vars, arms[0])
	default:
		for i := range bd.vars {
			if arms[0][i] != arms[1][i] {
				bd.vars[i] = join.NewValue(OpPhi, arms[0][i].Type, 0, arms[0][i], arms[1][i])
			} else {
				bd.vars[i] = arms[0][i]
			}
		}
	}
}

// choose returns the value of unlikely where cond holds, else of likely,
// each built in its own arm; the unlikely arm is laid out of line.
func (bd *builder) choose(cond *Value, unlikely, likely func() *Value) *Value {
	k := len(bd.vars)
	bd.vars = append(bd.vars, nil)
	bd.likelyIf(cond, false, func() { bd.vars[k] = unlikely() }, func() { bd.vars[k] = likely() })
	v := bd.vars[k]
	bd.vars = bd.vars[:k]
	return v
}

// likelyIf is ifElse with the arm expected to run said: then's when
// likely, else els's; the other arm is laid out of line.
func (bd *builder) likelyIf(cond *Value, likely bool, then, els func()) {
	head := bd.b
	bd.ifElse(cond, then, els)
	if likely {
		head.Likely = 0
		head.Succs[1].Cold = true
	} else {
		head.Likely = 1
		head.Succs[0].Cold = true
	}
}

// guard continues where bad is false; where it is true, fail runs and must
// end the function. The failing branch is marked unlikely.
func (bd *builder) guard(bad *Value, fail func()) {
	f := bd.f
	badb, okb := f.NewBlock(BlockPlain), f.NewBlock(BlockPlain)
	bd.b.Kind, bd.b.Control, bd.b.Likely = BlockIf, bad, 1
	bd.b.AddEdge(badb)
	bd.b.AddEdge(okb)
	saved := append([]*Value(nil), bd.vars...)
	badb.Cold = true
	bd.b = badb
	fail()
	if bd.b != nil {
		panic("ssa: a guard's failure path must end the function")
	}
	copy(bd.vars, saved)
	bd.b = okb
}

// returnValue ends the function with result r.
func (bd *builder) returnValue(r *Value) {
	bd.b.Kind, bd.b.Control = BlockReturn, r
	bd.b = nil
}

// loop runs body for i in [0, n), with the variables carried around the
// back edge through phis.
func (bd *builder) loop(n *Value, body func(i *Value)) {
	f := bd.f
	zero := bd.iconst(TypeI64, 0)
	head, blk, done := f.NewBlock(BlockIf), f.NewBlock(BlockPlain), f.NewBlock(BlockPlain)
	bd.b.AddEdge(head)
	i := head.NewValue(OpPhi, TypeI64, 0, zero, nil)
	phis := make([]*Value, len(bd.vars))
	for k, v := range bd.vars {
		phis[k] = head.NewValue(OpPhi, v.Type, 0, v, nil)
	}
	copy(bd.vars, phis)
	head.Control = head.NewValue(OpLtU, TypeBool, 0, i, n)
	head.AddEdge(blk)
	head.AddEdge(done)
	head.Likely = 0
	bd.b = blk
	body(i)
	next := bd.add(i, bd.iconst(TypeI64, 1))
	bd.b.AddEdge(head)
	i.Args[1] = next
	for k, p := range phis {
		p.Args[1] = bd.vars[k]
	}
	copy(bd.vars, phis)
	bd.b = done
}
