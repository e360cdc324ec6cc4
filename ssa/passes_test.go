package ssa

import (
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
)

func TestPassOrder(t *testing.T) {
	index := map[string][]int{}
	for i, p := range passes {
		index[p.name] = append(index[p.name], i)
	}
	for _, c := range passOrder {
		b, a := index[c.before], index[c.after]
		if len(b) == 0 || len(a) == 0 || a[len(a)-1] < b[0] {
			t.Errorf("%s must run after %s (%s)", c.after, c.before, c.why)
		}
	}
}

func TestPhiElim(t *testing.T) {
	b := fun(t, "f",
		bloc("entry", valu("mem", OpInitMem, TypeMem, 0), valu("x", OpArg, TypeI64, 0),
			valu("c", OpArg, TypeBool, 1), if_("c", "a", "b")),
		bloc("a", goto_("join")),
		bloc("b", goto_("join")),
		bloc("join", valu("p", OpPhi, TypeI64, 0, "x", "x"), valu("q", OpPhi, TypeI64, 0, "x", "p"), ret("q")))
	phiElim(b.f)
	if b.values["p"].Op != OpCopy || b.values["q"].Op != OpCopy {
		t.Fatalf("phis of one value remain:\n%s", b.f)
	}
	copyProp(b.f)
	if b.blocks["join"].Control != b.values["x"] {
		t.Fatal("copyprop did not reach the control")
	}
	deadCode(b.f)
	if len(b.blocks["join"].Values) != 0 {
		t.Fatalf("dead copies remain:\n%s", b.f)
	}
}

func TestConstFold(t *testing.T) {
	b := fun(t, "f",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("p", OpArg, TypePtr, 0),
			valu("c2", OpConst, TypeI64, 2),
			valu("c3", OpConst, TypeI64, 3),
			valu("zero", OpConst, TypeI64, 0),
			valu("sum", OpAdd, TypeI64, 0, "c2", "c3"),
			valu("p2", OpAddPtr, TypePtr, 0, "p", "c2"),
			valu("p5", OpAddPtr, TypePtr, 0, "p2", "c3"),
			valu("p0", OpAddPtr, TypePtr, 0, "p5", "zero"),
			valu("x", OpLoad, TypeI64, 0, "p0", "mem"),
			valu("same", OpAdd, TypeI64, 0, "x", "zero"),
			valu("big", OpLtU, TypeBool, 0, "sum", "c2"),
			if_("big", "yes", "no")),
		bloc("yes", ret("sum")),
		bloc("no", ret("same")))
	constFold(b.f)
	copyProp(b.f)
	deadCode(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	text := b.f.String()
	for _, want := range []string{"Const <i64> [5]", "AddPtr <ptr> v1 v", "Load <i64>", "Plain -> b2"} {
		if !strings.Contains(text, want) {
			t.Errorf("folded function lacks %q:\n%s", want, text)
		}
	}
	if len(b.f.Blocks) != 2 || b.values["x"].Args[0].Args[1].AuxInt != 5 {
		t.Errorf("the branch on 5 < 2 or the offset chain is not folded:\n%s", text)
	}
}

// A branch folded to a jump leaves the arm not taken unreachable; its edge
// must not leave the join's phi an argument from a block no path reaches
// (a value defined in a loop, as a count in a map walk, would then not
// dominate its use). constFold alone must leave a valid function.
func TestConstFoldDropsUnreachableArms(t *testing.T) {
	b := fun(t, "f",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("n", OpArg, TypeI64, 0),
			valu("zero", OpConst, TypeI64, 0),
			valu("one", OpConst, TypeI64, 1),
			valu("yes", OpConst, TypeBool, 1),
			goto_("head")),
		bloc("head",
			valu("i", OpPhi, TypeI64, 0, "zero", "next"),
			valu("count", OpPhi, TypeI64, 0, "zero", "merged"),
			valu("more", OpLtU, TypeBool, 0, "i", "n"),
			if_("more", "body", "done")),
		bloc("body", if_("yes", "take", "skip")),
		bloc("take",
			valu("inc", OpAdd, TypeI64, 0, "count", "one"),
			goto_("join")),
		bloc("skip", goto_("join")),
		bloc("join",
			valu("merged", OpPhi, TypeI64, 0, "inc", "count"),
			valu("next", OpAdd, TypeI64, 0, "i", "one"),
			goto_("head")),
		bloc("done", ret("count")))
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	constFold(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatalf("after constFold: %v\n%s", err, b.f)
	}
	for _, blk := range b.f.Blocks {
		if blk == b.blocks["skip"] {
			t.Errorf("the arm not taken is still in the function:\n%s", b.f)
		}
	}
}

func TestCSE(t *testing.T) {
	b := fun(t, "f",
		bloc("entry",
			valu("mem", OpInitMem, TypeMem, 0),
			valu("p", OpArg, TypePtr, 0),
			valu("c8", OpConst, TypeI64, 8),
			valu("a1", OpAddPtr, TypePtr, 0, "p", "c8"),
			valu("l1", OpLoad, TypeI64, 0, "a1", "mem"),
			valu("c8b", OpConst, TypeI64, 8),
			valu("a2", OpAddPtr, TypePtr, 0, "p", "c8b"),
			valu("l2", OpLoad, TypeI64, 0, "a2", "mem"),
			goto_("next")),
		bloc("next",
			valu("c8c", OpConst, TypeI64, 8),
			valu("a3", OpAddPtr, TypePtr, 0, "p", "c8c"),
			valu("l3", OpLoad, TypeI64, 0, "a3", "mem"),
			valu("s", OpAdd, TypeI64, 0, "l1", "l3"),
			ret("s")))
	for i := 0; i < 3; i++ { // each round unifies one more level
		cse(b.f)
		copyProp(b.f)
	}
	deadCode(b.f)
	if err := Verify(b.f); err != nil {
		t.Fatal(err)
	}
	loads := 0
	for _, blk := range b.f.Blocks {
		for _, v := range blk.Values {
			if v.Op == OpLoad {
				loads++
			}
		}
	}
	if loads != 1 || b.values["s"].Args[0] != b.values["s"].Args[1] {
		t.Fatalf("%d loads remain:\n%s", loads, b.f)
	}
}

// stats counts what the passes are meant to reduce.
type stats struct{ values, blocks, guards, stores, loads, exits, jumps int }

func statsOf(f *Func) stats {
	var s stats
	s.blocks = len(f.Blocks)
	s.jumps = TakenJumps(f)
	for _, b := range f.Blocks {
		if b.Kind == BlockIf && b.Likely >= 0 {
			s.guards++
		}
		for _, v := range b.Values {
			s.values++
			switch v.Op {
			case OpStore:
				s.stores++
			case OpLoad:
				s.loads++
			case OpExit:
				s.exits++
			}
		}
	}
	return s
}

// The passes' effect on the baseline structs: fewer values and blocks, none
// broken. The figures are in the closing notes of the compiler's issues.
func TestPassEffects(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}, &testtypes.Everything{}} {
		d, err := ir.Resolve(reflect.TypeOf(v))
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []ir.Mode{ir.ModeSize, ir.ModeEncode, ir.ModeDecode} {
			f := build(t, d, mode)
			before := statsOf(f)
			if err := Optimize(f, true); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			after := statsOf(f)
			fewerJumps := mode == ir.ModeSize || after.jumps < before.jumps // size programs have few branches to lay out
			if after.values >= before.values || after.blocks > before.blocks || after.exits > before.exits || !fewerJumps {
				t.Errorf("%s: %+v before, %+v after", f.Name, before, after)
			}
			t.Logf("%-32s values %4d -> %4d, blocks %4d -> %4d, guards %3d -> %3d, stores %3d -> %3d, loads %3d -> %3d, taken jumps %3d -> %3d",
				f.Name, before.values, after.values, before.blocks, after.blocks, before.guards, after.guards, before.stores, after.stores,
				before.loads, after.loads, before.jumps, after.jumps)
		}
	}
}

func build(t *testing.T, d *ir.StructDesc, mode ir.Mode) *Func {
	t.Helper()
	p := ir.Lower(d, mode, ir.DefaultInlineDepth)
	switch mode {
	case ir.ModeSize:
		return BuildSize(p)
	case ir.ModeEncode:
		return BuildEncode(p)
	}
	f, err := BuildDecode(p)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Layout never makes the hot path take more jumps than the order it is given.
func TestLayoutNeverWorse(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}, &testtypes.Everything{}} {
		d, err := ir.Resolve(reflect.TypeOf(v))
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []ir.Mode{ir.ModeSize, ir.ModeEncode, ir.ModeDecode} {
			f := build(t, d, mode)
			for i, name := range PassNames() {
				if name == "layout" {
					before := TakenJumps(f)
					RunPass(f, i)
					if after := TakenJumps(f); after > before {
						t.Errorf("%s: layout takes %d jumps, %d before it", f.Name, after, before)
					}
					continue
				}
				RunPass(f, i)
			}
			if err := Verify(f); err != nil {
				t.Fatal(err)
			}
		}
	}
}
