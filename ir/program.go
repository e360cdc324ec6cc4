package ir

import "github.com/frugaljit/frugal/wire"

// Mode is what a codec program computes.
type Mode uint8

// The modes of a codec program.
const (
	ModeSize   Mode = iota + 1 // the encoded size of a value
	ModeEncode                 // the encoding of a value
	ModeDecode                 // a value from its encoding
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case ModeSize:
		return "size"
	case ModeEncode:
		return "encode"
	case ModeDecode:
		return "decode"
	}
	return "mode(?)"
}

// Instr is one instruction of a codec program. Which fields matter depends on
// Op (see the op's meaning); the others are zero.
type Instr struct {
	Op     Op
	Off    uintptr     // operand offset from the current base
	N      int         // a constant: bytes, element stride, or required-field index
	ID     int16       // field id (OpWriteHeader, OpCase)
	Wire   wire.Type   // wire type (headers, OpCase, element type of lists)
	Type   *Type       // operand type
	Field  *Field      // the field the instruction codes, for omission rules and errors
	Callee *StructDesc // OpCall: the struct whose program runs
	NoCopy bool        // OpReadBytes: alias the input
	// Level is, in decode programs, how deep the instruction nests below
	// the program's struct, as the reflect codec counts depth: a struct's
	// fields are one level below it, a container's elements one below the
	// container. Set on OpReadFields (the struct's level), OpReadList,
	// OpReadMap and OpCall (the callee's level).
	Level int

	Body  []*Instr // nested instructions: taken branch, loop body, case body
	Else  []*Instr // OpDeref: when the pointer is nil
	Key   []*Instr // OpMapEach, OpReadMap: per key
	Value []*Instr // OpMapEach, OpReadMap: per value
}

// Program is the codec of one struct type in one mode.
type Program struct {
	Struct *StructDesc
	Mode   Mode
	Body   []*Instr
	// Callees are the structs this program calls instead of inlining
	// (recursion, or nesting deeper than the inline depth), in first-call
	// order.
	Callees []*StructDesc
	// InlineDepth is the inline depth the program was lowered with.
	InlineDepth int
}

// Walk calls f for every instruction of the list and of the lists nested in
// them, parents before children.
func Walk(list []*Instr, f func(*Instr)) {
	for _, in := range list {
		f(in)
		Walk(in.Body, f)
		Walk(in.Else, f)
		Walk(in.Key, f)
		Walk(in.Value, f)
	}
}

// Count returns how many instructions of each op the program holds.
func (p *Program) Count() map[Op]int {
	n := map[Op]int{}
	Walk(p.Body, func(in *Instr) { n[in.Op]++ })
	return n
}
