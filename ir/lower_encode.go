package ir

// encodeStruct lowers the encoding of the struct s at base.
func (l *lowerer) encodeStruct(s *StructDesc, base uintptr, depth int) []*Instr {
	var out []*Instr
	for i := range s.Fields {
		f := &s.Fields[i]
		out = append(out, ifSet(f, base, l.encodeField(f, base, depth))...)
	}
	if s.UnknownFields >= 0 {
		out = append(out, &Instr{Op: OpWriteUnknown, Off: base + uintptr(s.UnknownFields)})
	}
	return append(out, &Instr{Op: OpWriteStop})
}

func (l *lowerer) encodeField(f *Field, base uintptr, depth int) []*Instr {
	header := &Instr{Op: OpWriteHeader, Wire: f.Wire, ID: f.ID, Field: f}
	off := base + f.Offset
	if !f.Pointer {
		return append([]*Instr{header}, l.encodeValue(f.Type, off, depth)...)
	}
	d := &Instr{Op: OpDeref, Off: off, Field: f, Type: f.Type,
		Body: append([]*Instr{header}, l.encodeValue(f.Type, 0, depth)...)}
	switch {
	case f.Required == Required:
		d.Else = []*Instr{{Op: OpFailNil, Off: off, Field: f}}
	case f.Required == Default: // only structs: a nil one is written empty
		d.Else = []*Instr{header, {Op: OpWriteStop}}
	}
	return []*Instr{d}
}

// encodeValue lowers the encoding of the value of type t at base+off; for a
// pointer type, base+off holds the value itself (the caller dereferenced).
func (l *lowerer) encodeValue(t *Type, off uintptr, depth int) []*Instr {
	switch t.Kind {
	case String, Binary:
		return []*Instr{{Op: OpWriteBytes, Off: off, Type: t}}
	case Struct:
		return l.nested(t.Struct, off, depth+1, l.encodeStruct)
	case List, Set:
		return []*Instr{
			{Op: OpWriteListHeader, Off: off, Wire: t.Elem.Wire, Type: t},
			{Op: OpEach, Off: off, N: int(t.Elem.Go.Size()), Type: t, Body: l.encodeElem(t.Elem, depth)},
		}
	case Map:
		return []*Instr{
			{Op: OpWriteMapHeader, Off: off, Type: t},
			{Op: OpMapEach, Off: off, Type: t, Key: l.encodeElem(t.Key, depth), Value: l.encodeElem(t.Elem, depth)},
		}
	}
	return []*Instr{{Op: OpWriteFixed, Off: off, Type: t}}
}

// encodeElem lowers the encoding of a container element, key or value at
// the loop's base: struct pointers are dereferenced, nil ones written empty.
func (l *lowerer) encodeElem(t *Type, depth int) []*Instr {
	if !t.Pointer {
		return l.encodeValue(t, 0, depth)
	}
	return []*Instr{{Op: OpDeref, Type: t, Body: l.encodeValue(t, 0, depth), Else: []*Instr{{Op: OpWriteStop}}}}
}
