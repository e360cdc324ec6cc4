package ssa

import "fmt"

// A pass transforms a function in place, keeping it valid (Verify).
type pass struct {
	name string
	fn   func(*Func)
}

// passes run in this order. The constraints between them, each with its
// reason, are in passOrder; TestPassOrder checks the list keeps them.
var passes = []pass{
	{"phielim", phiElim},
	{"copyprop", copyProp},
	{"constfold", constFold},
	{"copyprop", copyProp},
	{"addrcanon", addrCanon},
	{"copyprop", copyProp},
	{"loadforward", loadForward},
	{"cse", cse},
	{"copyprop", copyProp},
	{"checkmerge", checkMerge},
	{"deadcode", deadCode},
	{"fuse", fuse},
	{"copyprop", copyProp},
	{"storecombine", storeCombine},
	{"cse", cse},
	{"loadcombine", loadCombine},
	{"copyprop", copyProp},
	{"deadcode", deadCode},
	{"jumpthread", jumpThread},
	{"layout", layout},
}

// passOrder lists which pass must run after which, and why.
var passOrder = []struct{ before, after, why string }{
	{"phielim", "copyprop", "phielim turns trivial phis into copies that copyprop removes"},
	{"constfold", "copyprop", "folding leaves copies (x+0 becomes a copy of x)"},
	{"constfold", "cse", "folded constants are only equal to others once folded"},
	{"cse", "copyprop", "cse turns duplicates into copies of the first"},
	{"cse", "deadcode", "the duplicates cse leaves behind are dead"},
	{"copyprop", "deadcode", "copies are only dead once their uses are rewired"},
	{"cse", "checkmerge", "positions must be shared values for checkmerge to see that two guards measure from the same one"},
	{"checkmerge", "deadcode", "the failure blocks of merged guards are unreachable"},
	{"deadcode", "layout", "layout places every block it is given; dead ones would take room on the hot path"},
	{"constfold", "addrcanon", "addrcanon splits only constant offsets, which folding exposes"},
	{"addrcanon", "cse", "canonical addresses share their base only once cse unifies it"},
	{"addrcanon", "loadforward", "roots are found by walking canonical address arithmetic"},
	{"loadforward", "cse", "loads share only once they read the same memory state"},
	{"cse", "storecombine", "stores combine only when their addresses share one base value"},
	{"checkmerge", "storecombine", "a combined store writes a byte only a merged bounds check covers"},
	{"storecombine", "copyprop", "the absorbed store becomes a copy of the combined one"},
	{"checkmerge", "cse", "a merged guard's bound equals the position the code advances to, which cse then shares"},
	{"checkmerge", "fuse", "a merged guard leaves a jump that fuse removes"},
	{"fuse", "storecombine", "a header and the value after it combine only in one block"},
	{"fuse", "copyprop", "phis of fused blocks become copies"},
	{"checkmerge", "layout", "merging guards turns branches into jumps, which changes the best order"},
	{"loadforward", "loadcombine", "two loads pair only when they read the same memory state"},
	{"cse", "loadcombine", "two loads pair only when their addresses share one base value"},
	{"addrcanon", "loadcombine", "neighbours are found by base and constant offset"},
	{"fuse", "loadcombine", "neighbouring fields are read in one block only once fuse joined the straight-line blocks between them"},
	{"deadcode", "jumpthread", "a merge block's phis are used only by the next block's once dead uses are gone"},
	{"fuse", "jumpthread", "fuse joins straight lines first; threading then removes the merge blocks between them"},
	{"jumpthread", "layout", "layout orders the blocks threading leaves"},
}

// Optimize runs the passes on f. With verify, it checks f after each pass
// and reports the first pass that broke it.
func Optimize(f *Func, verify bool) error {
	for _, p := range passes {
		p.fn(f)
		if verify {
			if err := Verify(f); err != nil {
				return fmt.Errorf("after %s: %w", p.name, err)
			}
		}
	}
	return nil
}

// PassNames returns the names of the passes, in the order Optimize runs them.
func PassNames() []string {
	names := make([]string, len(passes))
	for i, p := range passes {
		names[i] = p.name
	}
	return names
}

// RunPass runs the i-th pass of PassNames on f, for tests that check each
// pass on its own.
func RunPass(f *Func, i int) { passes[i].fn(f) }
