package ssa

import (
	"strings"
	"testing"
)

// Two neighbouring i8 loads from one memory state become one i16 load: the
// first its low byte, the second its high byte shifted down. A load from
// another memory state, or not next to them, stays.
func TestLoadCombine(t *testing.T) {
	b := fun(t, "f",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("p", OpArg, TypePtr, 0),
			valu("c1", OpConst, TypeI64, 1),
			valu("c2", OpConst, TypeI64, 2),
			valu("c4", OpConst, TypeI64, 4),
			valu("p1", OpAddPtr, TypePtr, 0, "p", "c1"),
			valu("p2", OpAddPtr, TypePtr, 0, "p", "c2"),
			valu("p4", OpAddPtr, TypePtr, 0, "p", "c4"),
			valu("a", OpLoad, TypeI8, 0, "p1", "mem"),
			valu("b", OpLoad, TypeI8, 0, "p2", "mem"),
			valu("z", OpConst, TypeI8, 0),
			valu("mem2", OpStore, TypeMem, 0, "p4", "z", "mem"),
			valu("c", OpLoad, TypeI8, 0, "p", "mem2"),
			valu("ab", OpAdd, TypeI8, 0, "a", "b"),
			valu("abc", OpAdd, TypeI8, 0, "ab", "c"),
			ret("abc")))
	loadCombine(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	a, bb, c := b.values["a"], b.values["b"], b.values["c"]
	if a.Op != OpTrunc || bb.Op != OpTrunc || bb.Args[0].Op != OpShr || bb.Args[0].Args[0] != a.Args[0] {
		t.Fatalf("the pair was not combined:\n%s", b.f)
	}
	wide := a.Args[0]
	if wide.Op != OpLoad || wide.Type != TypeI16 || wide.Args[0] != b.values["p1"] || bb.Args[0].Args[1].AuxInt != 8 {
		t.Fatalf("the wide load is %s:\n%s", wide.LongString(), b.f)
	}
	if c.Op != OpLoad {
		t.Fatalf("a load of another memory state was combined:\n%s", b.f)
	}
	if !strings.Contains(b.f.String(), "Shr <i16>") {
		t.Fatalf("no shift in:\n%s", b.f)
	}
}
