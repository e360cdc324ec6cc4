package ir

// DefaultInlineDepth is how many levels of nested structs a program inlines
// before it calls the nested struct's own program.
const DefaultInlineDepth = 5

// Lower builds the codec program of struct s in the given mode. Nested
// structs are inlined up to inlineDepth levels (a negative value means
// DefaultInlineDepth); deeper ones, and any struct already being inlined
// (recursion), become OpCall.
func Lower(s *StructDesc, mode Mode, inlineDepth int) *Program {
	if inlineDepth < 0 {
		inlineDepth = DefaultInlineDepth
	}
	l := &lowerer{p: &Program{Struct: s, Mode: mode, InlineDepth: inlineDepth}, inlining: map[*StructDesc]bool{s: true}}
	switch mode {
	case ModeSize:
		l.p.Body = l.sizeStruct(s, 0, 0)
	case ModeEncode:
		l.p.Body = l.encodeStruct(s, 0, 0)
	case ModeDecode:
		l.p.Body = l.decodeStruct(s, 0, 0)
	}
	return l.p
}

// lowerer carries what lowering one program needs across the recursion.
type lowerer struct {
	p        *Program
	inlining map[*StructDesc]bool // structs on the current inline path
	called   map[*StructDesc]bool
	level    int // decode: the nesting level being lowered (see Instr.Level)
}

// nested lowers the struct s found at base+off (depth levels below the
// program's struct): inline by body, or as a call when it is too deep or
// already being inlined.
func (l *lowerer) nested(s *StructDesc, off uintptr, depth int, body func(s *StructDesc, base uintptr, depth int) []*Instr) []*Instr {
	if depth > l.p.InlineDepth || l.inlining[s] {
		if l.called == nil {
			l.called = map[*StructDesc]bool{}
		}
		if !l.called[s] {
			l.called[s] = true
			l.p.Callees = append(l.p.Callees, s)
		}
		return []*Instr{{Op: OpCall, Off: off, Callee: s}}
	}
	l.inlining[s] = true
	defer delete(l.inlining, s)
	return body(s, off, depth)
}

// ifSet wraps body in OpIfSet when the field is optional.
func ifSet(f *Field, base uintptr, body []*Instr) []*Instr {
	if f.Omit == OmitNever || f.Pointer {
		return body // pointers: OpDeref's nil branch leaves the field out
	}
	return []*Instr{{Op: OpIfSet, Off: base + f.Offset, Field: f, Type: f.Type, Body: body}}
}
