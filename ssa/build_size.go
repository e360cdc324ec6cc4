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
		slot := bd.ptrAt(base, in.Off)
		entry := func(k, v *Value) { bd.sizeList(in.Key, k); bd.sizeList(in.Value, v) }
		ignore := func(*Value) {}
		bd.ifEntries(slot, func() {
			if !ir.DirectMap(in.Type) {
				bd.eachEntry(in.Type, slot, entry, ignore)
				return
			}
			bd.directEntries(in.Type, slot, entry, ignore, func() { bd.grow(bd.exit(ExitMapSize, in.Type, TypeI64, slot)) })
		})
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
