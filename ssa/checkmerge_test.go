package ssa

import (
	"testing"

	"github.com/frugaljit/frugal/wire"
)

// guardedWrites builds: check 3 bytes, store, advance 3; [a guard of
// class mid]; check 4 bytes, store, return.
func guardedWrites(t *testing.T, mid error) built {
	fail := func(name string) blocDesc {
		return bloc(name, valu(name+"x", OpExit, TypeTuple, int64(ExitFail), "pos", "mem"), valu(name+"r", OpConst, TypeI64, -1), ret(name+"r"))
	}
	blocs := []blocDesc{
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("out", OpArg, TypePtr, 0),
			valu("len", OpArg, TypeI64, 1),
			valu("pos", OpArg, TypeI64, 2),
			valu("c3", OpConst, TypeI64, 3),
			valu("end1", OpAdd, TypeI64, 0, "pos", "c3"),
			valu("bad1", OpLtU, TypeBool, 0, "len", "end1"),
			if_("bad1", "fail1", "ok1")),
		fail("fail1"),
		bloc("ok1",
			valu("p1", OpAddPtr, TypePtr, 0, "out", "pos"),
			valu("b", OpConst, TypeI8, 7),
			valu("mem1", OpStore, TypeMem, 0, "p1", "b", "mem"),
			valu("pos1", OpAdd, TypeI64, 0, "pos", "c3"),
			valu("c4", OpConst, TypeI64, 4),
			valu("end2", OpAdd, TypeI64, 0, "pos1", "c4"),
			valu("bad2", OpLtU, TypeBool, 0, "len", "end2"),
			if_("bad2", "fail2", "ok2")),
		fail("fail2"),
		bloc("ok2", ret("pos1")),
	}
	b := fun(t, "writes", blocs...)
	for _, g := range []string{"entry", "ok1"} {
		b.blocks[g].Likely = 1
	}
	b.values["fail1x"].Aux = &wire.Error{Class: wire.ErrShortBuffer}
	b.values["fail2x"].Aux = &wire.Error{Class: mid}
	return b
}

func TestCheckMerge(t *testing.T) {
	b := guardedWrites(t, wire.ErrShortBuffer)
	checkMerge(b.f)
	deadCode(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	if b.blocks["ok1"].Kind != BlockPlain || len(b.f.Blocks) != 4 {
		t.Fatalf("the second guard remains:\n%s", b.f)
	}
	if end := b.blocks["entry"].Control.Args[1]; end.Args[0] != b.values["pos"] || end.Args[1].AuxInt != 7 {
		t.Fatalf("the first guard does not check 7 bytes:\n%s", b.f)
	}
	// A guard of another class between them keeps them apart.
	b = guardedWrites(t, wire.ErrInvalidValue)
	checkMerge(b.f)
	if b.blocks["ok1"].Kind != BlockIf {
		t.Fatalf("guards of different classes merged:\n%s", b.f)
	}
}
