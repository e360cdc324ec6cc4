package backend

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

// testFuncs returns the optimized size and encode functions of the test
// types.
func testFuncs(t *testing.T) []*ssa.Func {
	var fs []*ssa.Func
	for _, v := range []any{testtypes.Simple{}, testtypes.Nesting{}, testtypes.Nesting2{}, testtypes.Everything{}} {
		d, err := ir.Resolve(reflect.TypeOf(v))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []*ssa.Func{ssa.BuildSize(ir.Lower(d, ir.ModeSize, ir.DefaultInlineDepth)), ssa.BuildEncode(ir.Lower(d, ir.ModeEncode, ir.DefaultInlineDepth))} {
			if err := ssa.Optimize(f, true); err != nil {
				t.Fatal(err)
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// Every value that needs a location gets exactly one, and no two values
// whose intervals meet share a register or a slot, however few registers
// there are (few registers force spills of intervals already started).
func TestAllocateNoOverlap(t *testing.T) {
	constants := func(v *ssa.Value) bool { return v.Op == ssa.OpConst }
	for _, f := range testFuncs(t) {
		for _, regs := range []int{1, 2, 3, 5, 10} {
			a := Allocate(f, regs, constants)
			var placed []*ssa.Value
			for _, b := range f.Blocks {
				for _, v := range b.Values {
					l := a.Loc[v.ID]
					needs := needsLoc(v, constants)
					if needs != (l.InReg() || l.Word >= 0) || (l.InReg() && l.Word >= 0) {
						t.Fatalf("%s, %d registers: v%d (%v) has location %+v", f.Name, regs, v.ID, v.Op, l)
					}
					inSlot := l.Word >= CtxSpill && l.Word < CtxSpill+a.Slots
					ownWord := v.Op == ssa.OpArg && l.Word == CtxArgs+int(v.AuxInt)
					if l.Reg >= regs || l.Word >= 0 && !inSlot && !ownWord {
						t.Fatalf("%s: v%d at %+v, out of range", f.Name, v.ID, l)
					}
					if needs {
						placed = append(placed, v)
					}
				}
			}
			for i, v := range placed {
				for _, w := range placed[i+1:] {
					lv, lw := a.Loc[v.ID], a.Loc[w.ID]
					if lv != lw || a.Hi[v.ID] < a.Lo[w.ID] || a.Hi[w.ID] < a.Lo[v.ID] {
						continue
					}
					t.Fatalf("%s, %d registers: v%d [%d,%d] and v%d [%d,%d] share %+v", f.Name, regs,
						v.ID, a.Lo[v.ID], a.Hi[v.ID], w.ID, a.Lo[w.ID], a.Hi[w.ID], lv)
				}
			}
		}
	}
}
