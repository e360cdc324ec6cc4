package ssa

import "testing"

// A merge block of phis between two joins disappears: its predecessors
// jump to the block after it, whose phi takes their values directly.
func TestJumpThread(t *testing.T) {
	b := fun(t, "f",
		bloc("entry", valu("mem", OpInitMem, TypeMem, 0), valu("x", OpArg, TypeI64, 0), valu("y", OpArg, TypeI64, 1),
			valu("z", OpArg, TypeI64, 2), valu("c", OpArg, TypeBool, 3), valu("c2", OpArg, TypeBool, 4), if_("c", "a", "d")),
		bloc("a", if_("c2", "a1", "a2")),
		bloc("a1", goto_("j")),
		bloc("a2", goto_("j")),
		bloc("j", valu("p", OpPhi, TypeI64, 0, "x", "y"), goto_("s")),
		bloc("d", goto_("s")),
		bloc("s", valu("q", OpPhi, TypeI64, 0, "p", "z"), ret("q")))
	jumpThread(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	for _, blk := range b.f.Blocks {
		if blk == b.blocks["j"] {
			t.Fatalf("the merge block remains:\n%s", b.f)
		}
	}
	// Empty forwarding blocks (a1, d) go too: s is reached from entry,
	// a and a2, and q takes what each path brings.
	q, s := b.values["q"], b.blocks["s"]
	x, y, z := b.values["x"], b.values["y"], b.values["z"]
	want := map[*Block]*Value{b.blocks["entry"]: z, b.blocks["d"]: z, b.blocks["a"]: x, b.blocks["a1"]: x, b.blocks["a2"]: y}
	if len(s.Preds) != 3 || len(q.Args) != 3 {
		t.Fatalf("s has %d predecessors and q %d arguments, want 3:\n%s", len(s.Preds), len(q.Args), b.f)
	}
	for i, p := range s.Preds {
		if want[p] != q.Args[i] {
			t.Errorf("q takes %v from %v, want %v:\n%s", q.Args[i], p, want[p], b.f)
		}
	}
}

// A merge block whose phi is used beyond the next block's phis stays.
func TestJumpThreadKeepsUsedPhis(t *testing.T) {
	b := fun(t, "f",
		bloc("entry", valu("mem", OpInitMem, TypeMem, 0), valu("x", OpArg, TypeI64, 0), valu("y", OpArg, TypeI64, 1),
			valu("c", OpArg, TypeBool, 2), if_("c", "a", "b")),
		bloc("a", goto_("j")),
		bloc("b", goto_("j")),
		bloc("j", valu("p", OpPhi, TypeI64, 0, "x", "y"), goto_("s")),
		bloc("s", valu("r", OpAdd, TypeI64, 0, "p", "x"), ret("r")))
	jumpThread(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	if len(b.blocks["j"].Preds) != 2 || b.blocks["j"].Kind != BlockPlain {
		t.Fatalf("a merge block whose phi s uses was removed:\n%s", b.f)
	}
}
