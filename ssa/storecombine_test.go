package ssa

import "testing"

// A header (1-byte and 2-byte constant stores) followed by a store at +3,
// across a load of the value from another object, after address
// canonicalization: one 4-byte store, then the value's.
func TestAddrCanonAndStoreCombine(t *testing.T) {
	b := fun(t, "header",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("v", OpArg, TypePtr, 0),
			valu("out", OpArg, TypePtr, 1),
			valu("pos", OpArg, TypeI64, 2),
			valu("c1", OpConst, TypeI64, 1),
			valu("c3", OpConst, TypeI64, 3),
			valu("at0", OpAddPtr, TypePtr, 0, "out", "pos"),
			valu("wire", OpConst, TypeI8, 8),
			valu("m1", OpStore, TypeMem, 0, "at0", "wire", "mem"),
			valu("pos1", OpAdd, TypeI64, 0, "pos", "c1"),
			valu("at1", OpAddPtr, TypePtr, 0, "out", "pos1"),
			valu("id", OpConst, TypeI16, 0x0400),
			valu("m2", OpStore, TypeMem, 0, "at1", "id", "m1"),
			valu("x", OpLoad, TypeI32, 0, "v", "m2"),
			valu("pos3", OpAdd, TypeI64, 0, "pos", "c3"),
			valu("at3", OpAddPtr, TypePtr, 0, "out", "pos3"),
			valu("m3", OpStore, TypeMem, 0, "at3", "x", "m2"),
			ret("pos3")))
	addrCanon(b.f)
	cse(b.f)
	copyProp(b.f)
	if base, off := addrParts(b.values["m3"].Args[0]); base != b.values["at0"] || off != 3 {
		t.Fatalf("the value's address is not at0+3:\n%s", b.f)
	}
	storeCombine(b.f)
	copyProp(b.f)
	deadCode(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	m1 := b.values["m1"]
	if b.values["m2"].Op != OpInvalid && b.values["m2"].Op != OpCopy || m1.Args[1].Type != TypeI32 || m1.Args[1].AuxInt != 0x040008 {
		t.Fatalf("header stores not combined:\n%s", b.f)
	}
	if b.values["m3"].Args[2] != m1 {
		t.Fatalf("the value's store does not follow the combined one:\n%s", b.f)
	}
}

func TestFuse(t *testing.T) {
	b := fun(t, "chain",
		bloc("entry", valu("mem", OpInitMem, TypeMem, 0), valu("x", OpArg, TypeI64, 0), goto_("mid")),
		bloc("mid", valu("y", OpAdd, TypeI64, 0, "x", "x"), goto_("end")),
		bloc("end", valu("z", OpPhi, TypeI64, 0, "y"), ret("z")))
	fuse(b.f)
	copyProp(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	if len(b.f.Blocks) != 1 || b.f.Entry.Kind != BlockReturn || b.f.Entry.Control != b.values["y"] {
		t.Fatalf("chain not fused:\n%s", b.f)
	}
}

// Two headers in one block both combine: combining the first inserts a
// constant, which must not confuse the search for the second.
func TestStoreCombineTwoHeaders(t *testing.T) {
	b := fun(t, "two",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("out", OpArg, TypePtr, 0),
			valu("c1", OpConst, TypeI64, 1),
			valu("c3", OpConst, TypeI64, 3),
			valu("c4", OpConst, TypeI64, 4),
			valu("c5", OpConst, TypeI64, 5),
			valu("c7", OpConst, TypeI64, 7),
			valu("a0", OpAddPtr, TypePtr, 0, "out", "c1"),
			valu("w1", OpConst, TypeI8, 8),
			valu("m1", OpStore, TypeMem, 0, "out", "w1", "mem"),
			valu("id1", OpConst, TypeI16, 0x100),
			valu("m2", OpStore, TypeMem, 0, "a0", "id1", "m1"),
			valu("a3", OpAddPtr, TypePtr, 0, "out", "c3"),
			valu("v1", OpConst, TypeI8, 1),
			valu("m3", OpStore, TypeMem, 0, "a3", "v1", "m2"),
			valu("a4", OpAddPtr, TypePtr, 0, "out", "c4"),
			valu("w2", OpConst, TypeI8, 3),
			valu("m4", OpStore, TypeMem, 0, "a4", "w2", "m3"),
			valu("a5", OpAddPtr, TypePtr, 0, "out", "c5"),
			valu("id2", OpConst, TypeI16, 0x200),
			valu("m5", OpStore, TypeMem, 0, "a5", "id2", "m4"),
			valu("a7", OpAddPtr, TypePtr, 0, "out", "c7"),
			valu("m6", OpStore, TypeMem, 0, "a7", "v1", "m5"),
			ret("c1")))
	storeCombine(b.f)
	copyProp(b.f)
	deadCode(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	stores := 0
	for _, v := range b.f.Entry.Values {
		if v.Op == OpStore {
			stores++
		}
	}
	if stores != 4 {
		t.Fatalf("%d stores remain, want 4:\n%s", stores, b.f)
	}
}
