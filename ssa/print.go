package ssa

import (
	"fmt"
	"strings"
)

// String prints the function, one value a line, in the style
// "v3 = Add <i64> v1 v2" and "b2: <- b0 b1".
func (f *Func) String() string {
	var b strings.Builder
	params := make([]string, len(f.Params))
	for i, p := range f.Params {
		params[i] = p.String()
	}
	fmt.Fprintf(&b, "func %s(%s)\n", f.Name, strings.Join(params, ", "))
	for _, blk := range f.Blocks {
		b.WriteString(blk.String())
	}
	return b.String()
}

// String prints the block: its header, values and control.
func (blk *Block) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "b%d:", blk.ID)
	if blk.Cold {
		b.WriteString(" cold")
	}
	if len(blk.Preds) > 0 {
		b.WriteString(" <-")
		for _, p := range blk.Preds {
			fmt.Fprintf(&b, " b%d", p.ID)
		}
	}
	b.WriteByte('\n')
	for _, v := range blk.Values {
		b.WriteString("  ")
		b.WriteString(v.LongString())
		b.WriteByte('\n')
	}
	b.WriteString("  ")
	b.WriteString(blk.Kind.String())
	if blk.Control != nil {
		fmt.Fprintf(&b, " v%d", blk.Control.ID)
	}
	for _, s := range blk.Succs {
		fmt.Fprintf(&b, " -> b%d", s.ID)
	}
	if blk.Kind == BlockIf && blk.Likely >= 0 {
		fmt.Fprintf(&b, " (likely b%d)", blk.Succs[blk.Likely].ID)
	}
	b.WriteByte('\n')
	return b.String()
}

// String returns "vN".
func (v *Value) String() string { return fmt.Sprintf("v%d", v.ID) }

// LongString prints the value with its op, type, constant and arguments.
func (v *Value) LongString() string {
	s := fmt.Sprintf("v%d = %s <%s>", v.ID, v.Op, v.Type)
	switch v.Op {
	case OpConst, OpArg, OpLoad, OpStore:
		if v.Op == OpConst || v.Op == OpArg {
			s += fmt.Sprintf(" [%d]", v.AuxInt)
		}
	case OpExit:
		s += " [" + ExitKind(v.AuxInt).String() + "]"
	}
	for _, a := range v.Args {
		s += " " + a.String()
	}
	if v.Aux != nil {
		s += fmt.Sprintf(" {%v}", v.Aux)
	}
	return s
}
