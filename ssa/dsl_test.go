package ssa

import "testing"

// The test DSL: fun builds a function from blocks written by name, the
// first one being the entry, so a test reads like the SSA it checks:
//
//	fun("f", bloc("entry", valu("mem", OpInitMem, TypeMem, 0), ret("mem")))
type blocDesc struct {
	name    string
	values  []valuDesc
	kind    BlockKind
	control string
	succs   []string
}

type valuDesc struct {
	name   string
	op     Op
	typ    Type
	auxInt int64
	args   []string
}

type ctrlDesc struct {
	kind    BlockKind
	control string
	succs   []string
}

func valu(name string, op Op, t Type, auxInt int64, args ...string) valuDesc {
	return valuDesc{name, op, t, auxInt, args}
}

func goto_(succ string) ctrlDesc          { return ctrlDesc{BlockPlain, "", []string{succ}} }
func if_(cond, then, els string) ctrlDesc { return ctrlDesc{BlockIf, cond, []string{then, els}} }
func ret(v string) ctrlDesc               { return ctrlDesc{BlockReturn, v, nil} }

func bloc(name string, entries ...any) blocDesc {
	b := blocDesc{name: name}
	for _, e := range entries {
		switch e := e.(type) {
		case valuDesc:
			b.values = append(b.values, e)
		case ctrlDesc:
			b.kind, b.control, b.succs = e.kind, e.control, e.succs
		}
	}
	return b
}

// fun builds the function; values and blocks can then be found by name.
type built struct {
	f      *Func
	blocks map[string]*Block
	values map[string]*Value
}

func fun(t *testing.T, name string, blocs ...blocDesc) built {
	t.Helper()
	f := &Func{Name: name}
	r := built{f: f, blocks: map[string]*Block{}, values: map[string]*Value{}}
	for _, bd := range blocs {
		r.blocks[bd.name] = f.NewBlock(bd.kind)
	}
	f.Entry = r.blocks[blocs[0].name]
	for _, bd := range blocs {
		b := r.blocks[bd.name]
		for _, vd := range bd.values {
			r.values[vd.name] = b.NewValue(vd.op, vd.typ, vd.auxInt)
		}
		for _, s := range bd.succs {
			b.AddEdge(r.blocks[s])
		}
	}
	for _, bd := range blocs {
		for _, vd := range bd.values {
			v := r.values[vd.name]
			for _, a := range vd.args {
				if r.values[a] == nil {
					t.Fatalf("%s: unknown value %q", vd.name, a)
				}
				v.Args = append(v.Args, r.values[a])
			}
		}
		if bd.control != "" {
			r.blocks[bd.name].Control = r.values[bd.control]
		}
	}
	return r
}
