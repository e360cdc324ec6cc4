package ssa

import "github.com/frugaljit/frugal/ir"

const varSize = 1 // the size accumulator of size programs

// BuildSize builds the SSA function of a size program: one argument, the
// struct's address; the result, its encoded size.
func BuildSize(p *ir.Program) *Func {
	f := NewFunc("size "+p.Struct.Name, TypePtr)
	bd := &builder{f: f, b: f.Entry}
	mem := bd.value(OpInitMem, TypeMem, 0)
	base := bd.value(OpArg, TypePtr, 0)
	bd.vars = []*Value{mem, bd.iconst(TypeI64, 0)}
	bd.sizeList(p.Body, base)
	bd.b.Kind, bd.b.Control = BlockReturn, bd.vars[varSize]
	return f
}

func (bd *builder) grow(by *Value) { bd.vars[varSize] = bd.add(bd.vars[varSize], by) }

func (bd *builder) growConst(n int64) { bd.grow(bd.iconst(TypeI64, n)) }

func (bd *builder) sizeList(list []*ir.Instr, base *Value) {
	for _, in := range list {
		bd.sizeInstr(in, base)
	}
}

// lenAt loads the length word of the string, slice at p.
func (bd *builder) lenAt(p *Value) *Value {
	return bd.load(TypeI64, bd.ptrAt(p, 8))
}

// mapLen reads the number of entries of the map at slot as Go's compiler
// compiles len(m): 0 for a nil map, else the first word of the map's
// header, where the runtime keeps the count for the compiler's sake
// (internal/runtime/maps.Map.used; hmap.count before Go 1.24's swiss
// maps). The jit's start-up self-check verifies it on the running Go.
func (bd *builder) mapLen(slot *Value) *Value {
	m := bd.load(TypePtr, slot)
	return bd.choose(bd.value(OpEq, TypeBool, 0, m, bd.iconst(TypePtr, 0)),
		func() *Value { return bd.iconst(TypeI64, 0) },
		func() *Value { return bd.load(TypeI64, m) })
}

// ifEntries runs body when the map at slot has entries. The driver's map
// exits do nothing for an empty map but still cost a return to Go and back,
// and real messages carry many empty or nil maps.
func (bd *builder) ifEntries(slot *Value, body func()) {
	bd.ifElse(bd.value(OpNe, TypeBool, 0, bd.mapLen(slot), bd.iconst(TypeI64, 0)), body, nil)
}

func (bd *builder) sizeInstr(in *ir.Instr, base *Value) {
	switch in.Op {
	case ir.OpSizeConst:
		bd.growConst(int64(in.N))
	case ir.OpSizeBytes:
		bd.growConst(4)
		bd.grow(bd.lenAt(bd.ptrAt(base, in.Off)))
	case ir.OpSizeUnknown:
		bd.grow(bd.lenAt(bd.ptrAt(base, in.Off)))
	case ir.OpSizeList:
		bd.growConst(5)
		if in.N > 0 {
			bd.grow(bd.value(OpMul, TypeI64, 0, bd.lenAt(bd.ptrAt(base, in.Off)), bd.iconst(TypeI64, int64(in.N))))
		}
	case ir.OpSizeMap:
		bd.growConst(6)
		if in.N > 0 {
			n := bd.mapLen(bd.ptrAt(base, in.Off))
			bd.grow(bd.value(OpMul, TypeI64, 0, n, bd.iconst(TypeI64, int64(in.N))))
		}
	case ir.OpIfSet:
		bd.ifElse(bd.isSet(in.Field, bd.ptrAt(base, in.Off)), func() { bd.sizeList(in.Body, base) }, nil)
	case ir.OpDeref:
		p := bd.load(TypePtr, bd.ptrAt(base, in.Off))
		bd.ifElse(bd.value(OpNe, TypeBool, 0, p, bd.iconst(TypePtr, 0)),
			func() { bd.sizeList(in.Body, p) },
			func() { bd.sizeList(in.Else, base) })
	case ir.OpEach:
		bd.each(in, base, func(elem *Value) { bd.sizeList(in.Body, elem) })
	case ir.OpMapEach:
		if ir.DirectMap(in.Type) {
			slot := bd.ptrAt(base, in.Off)
			bd.ifEntries(slot, func() { bd.grow(bd.exit(ExitMapSize, in.Type, TypeI64, slot)) })
			return
		}
		bd.mapEach(in, base, func(k *Value) { bd.sizeList(in.Key, k) }, func(v *Value) { bd.sizeList(in.Value, v) })
	case ir.OpCall:
		bd.grow(bd.exit(ExitCallSize, in.Callee, TypeI64, bd.ptrAt(base, in.Off)))
	default:
		panic("ssa: " + in.Op.String() + " in a size program")
	}
}

// each loops over the elements of the slice at base+in.Off.
func (bd *builder) each(in *ir.Instr, base *Value, body func(elem *Value)) {
	s := bd.ptrAt(base, in.Off)
	data, n := bd.load(TypePtr, s), bd.lenAt(s)
	bd.loop(n, func(i *Value) {
		off := bd.value(OpMul, TypeI64, 0, i, bd.iconst(TypeI64, int64(in.N)))
		body(bd.value(OpAddPtr, TypePtr, 0, data, off))
	})
}

// mapEach loops over the entries of the map at base+in.Off, which the
// driver hands over as (key address, value address) pairs.
func (bd *builder) mapEach(in *ir.Instr, base *Value, key, value func(*Value)) {
	m := bd.ptrAt(base, in.Off)
	bd.ifEntries(m, func() {
		n := bd.mapLen(m)
		entries := bd.exit(ExitMapEntries, in.Type, TypePtr, m)
		bd.loop(n, func(i *Value) {
			pair := bd.value(OpAddPtr, TypePtr, 0, entries, bd.value(OpMul, TypeI64, 0, i, bd.iconst(TypeI64, 16)))
			key(bd.load(TypePtr, pair))
			value(bd.load(TypePtr, bd.ptrAt(pair, 8)))
		})
	})
}

// isSet computes whether the optional inline field at p is set, by the
// field's omission rule (see ir.Omit).
func (bd *builder) isSet(f *ir.Field, p *Value) *Value {
	if f.Omit == ir.OmitNil {
		return bd.value(OpNe, TypeBool, 0, bd.load(TypePtr, p), bd.iconst(TypePtr, 0))
	}
	def := bd.iconst(TypePtr, int64(uintptr(f.Default)))
	switch f.Kind {
	case ir.String, ir.Binary:
		return bd.bytesDiffer(p, def)
	case ir.Double:
		eq := bd.value(OpEqF, TypeBool, 0, bd.load(TypeI64, p), bd.load(TypeI64, def))
		return bd.value(OpEq, TypeBool, 0, eq, bd.iconst(TypeBool, 0))
	}
	t := IntType(int(f.Type.Size))
	return bd.value(OpNe, TypeBool, 0, bd.load(t, p), bd.load(t, def))
}

// bytesDiffer compares the strings (or byte slices) at p and q.
func (bd *builder) bytesDiffer(p, q *Value) *Value {
	lp, lq := bd.lenAt(p), bd.lenAt(q)
	bd.vars = append(bd.vars, bd.iconst(TypeBool, 1)) // a temporary: the result
	k := len(bd.vars) - 1
	bd.ifElse(bd.value(OpEq, TypeBool, 0, lp, lq), func() {
		same := bd.exit(ExitBytesEqual, nil, TypeI64, bd.load(TypePtr, p), bd.load(TypePtr, q), lp)
		bd.vars[k] = bd.value(OpEq, TypeBool, 0, same, bd.iconst(TypeI64, 0))
	}, nil)
	r := bd.vars[k]
	bd.vars = bd.vars[:k]
	return r
}
