package main

import (
	"fmt"
	"io"

	"github.com/frugaljit/frugal/jit"
	"github.com/frugaljit/frugal/ssa"
	"golang.org/x/arch/x86/x86asm"
)

// disassemble compiles f as the jit does and prints its machine code, one
// instruction a line with its offset, then its exit sites.
func disassemble(w io.Writer, f *ssa.Func) error {
	fn, err := jit.Compile(f)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== amd64: %d bytes, %d spill slots, context of %d words, %d exit sites\n",
		len(fn.Code), fn.Slots, fn.Layout.Words, len(fn.Sites))
	for pc := 0; pc < len(fn.Code); {
		inst, err := x86asm.Decode(fn.Code[pc:], 64)
		if err != nil {
			return fmt.Errorf("offset %#x: %v", pc, err)
		}
		fmt.Fprintf(w, "%#06x  %s\n", pc, x86asm.IntelSyntax(inst, uint64(pc), nil))
		pc += inst.Len
	}
	fmt.Fprintf(w, "== exit sites (the code returns the site's number)\n")
	for i, s := range fn.Sites {
		fmt.Fprintf(w, "%4d  %v, %d arguments\n", i+1, s.Kind, s.Args)
	}
	return nil
}
