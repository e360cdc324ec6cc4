package ir

import (
	"fmt"
	"strings"
)

// String prints the program as indented text, one instruction a line:
// the op, then its operands (@off for offsets, #id for field ids).
func (p *Program) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (inline depth %d)\n", p.Mode, p.Struct.Name, p.InlineDepth)
	printList(&b, p.Body, 1)
	return b.String()
}

func printList(b *strings.Builder, list []*Instr, depth int) {
	for _, in := range list {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(in.String())
		b.WriteByte('\n')
		printList(b, in.Body, depth+1)
		if in.Key != nil || in.Value != nil {
			printNested(b, "key", in.Key, depth)
			printNested(b, "value", in.Value, depth)
		}
		if in.Else != nil {
			printNested(b, "else", in.Else, depth)
		}
	}
}

func printNested(b *strings.Builder, label string, list []*Instr, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(label)
	b.WriteString(":\n")
	printList(b, list, depth+1)
}

// String prints one instruction without its nested lists.
func (in *Instr) String() string {
	s := in.Op.String()
	at := fmt.Sprintf(" @%d", in.Off)
	switch in.Op {
	case OpIfSet, OpDeref:
		s += at
		if in.Field != nil {
			s += " " + in.Field.Name
		}
	case OpEach:
		s += at + fmt.Sprintf(" stride %d", in.N)
	case OpMapEach, OpWriteMapHeader, OpReadMap:
		s += at + " " + in.Type.String()
	case OpCall:
		s += at + " " + in.Callee.Name
	case OpSizeConst:
		s += fmt.Sprintf(" %d", in.N)
	case OpSizeList, OpSizeMap:
		s += at + fmt.Sprintf(" * %d", in.N)
	case OpSizeBytes, OpSizeUnknown, OpWriteBytes, OpWriteUnknown, OpResetStruct:
		s += at
	case OpWriteHeader:
		s += fmt.Sprintf(" %s #%d", in.Wire, in.ID)
	case OpWriteFixed, OpReadFixed, OpNew:
		s += at + " " + in.Type.String()
	case OpWriteListHeader:
		s += at + " " + in.Wire.String()
	case OpFailNil:
		s += at + " " + in.Field.Name
	case OpCase:
		s += fmt.Sprintf(" #%d %s %s", in.ID, in.Wire, in.Field.Name)
	case OpReadBytes:
		s += at
		if in.NoCopy {
			s += " nocopy"
		}
	case OpReadList:
		s += at + " " + in.Type.String()
	case OpMarkRequired:
		s += fmt.Sprintf(" %d", in.N)
	case OpCheckRequired:
		s += fmt.Sprintf(" %d fields", in.N)
	}
	return s
}
