package ssa

import (
	"strings"
	"testing"
)

// A loop summing 0..n-1 in the DSL: valid, and printed as written.
func loopFunc(t *testing.T) built {
	return fun(t, "sum",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("n", OpArg, TypeI64, 0),
			valu("zero", OpConst, TypeI64, 0),
			valu("one", OpConst, TypeI64, 1),
			goto_("head")),
		bloc("head",
			valu("i", OpPhi, TypeI64, 0, "zero", "inext"),
			valu("acc", OpPhi, TypeI64, 0, "zero", "accnext"),
			valu("more", OpLtU, TypeBool, 0, "i", "n"),
			if_("more", "body", "exit")),
		bloc("body",
			valu("accnext", OpAdd, TypeI64, 0, "acc", "i"),
			valu("inext", OpAdd, TypeI64, 0, "i", "one"),
			goto_("head")),
		bloc("exit", ret("acc")))
}

func TestVerifyAccepts(t *testing.T) {
	b := loopFunc(t)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	text := b.f.String()
	for _, want := range []string{"b1: <- b0 b2\n  v4 = Phi <i64> v2 v8", "  If v6 -> b2 -> b3", "  Return v5"} {
		if !strings.Contains(text, want) {
			t.Errorf("printout lacks %q:\n%s", want, text)
		}
	}
	idom := Dominators(b.f)
	if idom[b.blocks["body"].ID] != b.blocks["head"] || idom[b.blocks["exit"].ID] != b.blocks["head"] {
		t.Error("wrong dominators")
	}
}

func TestVerifyRejects(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(b built)
		want   string
	}{
		{"phi arity", func(b built) { v := b.values["i"]; v.Args = v.Args[:1] }, "1 args for 2 predecessors"},
		{"type mismatch", func(b built) { b.values["accnext"].Args[1] = b.values["more"] }, "integers of one type"},
		{"use before def", func(b built) { b.values["more"].Args[1] = b.values["inext"] }, "does not dominate"},
		{"if without bool", func(b built) { b.blocks["head"].Control = b.values["i"] }, "bool control"},
		{"dangling edge", func(b built) { b.blocks["exit"].Preds = nil }, "not in its predecessors"},
		{"load of mem", func(b built) {
			blk := b.blocks["body"]
			blk.NewValue(OpLoad, TypeI64, 0, b.values["n"], b.values["mem"])
		}, "Load <T> ptr mem"},
	}
	for _, c := range cases {
		b := loopFunc(t)
		c.break_(b)
		err := Verify(b.f)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}
