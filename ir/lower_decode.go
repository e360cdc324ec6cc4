package ir

// decodeStruct lowers the decoding of the struct s at base: the field loop,
// then the required-field check and the unknown fields.
func (l *lowerer) decodeStruct(s *StructDesc, base uintptr, depth int) []*Instr {
	fields := &Instr{Op: OpReadFields, Level: l.level}
	for i := range s.Fields {
		f := &s.Fields[i]
		c := &Instr{Op: OpCase, ID: f.ID, Wire: f.Wire, Field: f, Body: l.decodeField(f, base, depth)}
		if f.RequiredIndex >= 0 {
			c.Body = append(c.Body, &Instr{Op: OpMarkRequired, N: f.RequiredIndex, Field: f})
		}
		fields.Body = append(fields.Body, c)
	}
	out := []*Instr{fields}
	if len(s.Required) > 0 {
		out = append(out, &Instr{Op: OpCheckRequired, N: len(s.Required), Callee: s})
	}
	if s.UnknownFields >= 0 {
		out = append(out, &Instr{Op: OpKeepUnknown, Off: base + uintptr(s.UnknownFields)})
	}
	return out
}

func (l *lowerer) decodeField(f *Field, base uintptr, depth int) []*Instr {
	off := base + f.Offset
	if !f.Pointer {
		return l.decodeValue(f.Type, off, depth, f.NoCopy)
	}
	return []*Instr{{Op: OpNew, Off: off, Type: f.Type, Field: f, Body: l.decodeValue(f.Type, 0, depth, f.NoCopy)}}
}

// decodeValue lowers the decoding of a value of type t into base+off; for a
// pointer type, base+off is the newly allocated value itself.
func (l *lowerer) decodeValue(t *Type, off uintptr, depth int, nocopy bool) []*Instr {
	l.level++ // a value is one level below what holds it
	defer func() { l.level-- }()
	switch t.Kind {
	case String, Binary:
		return []*Instr{{Op: OpReadBytes, Off: off, Type: t, NoCopy: nocopy}}
	case Struct:
		var reset []*Instr
		if !t.Pointer { // OpNew set up a pointed-to struct already
			reset = []*Instr{{Op: OpResetStruct, Off: off, Type: t}}
		}
		body := l.nested(t.Struct, off, depth+1, l.decodeStruct)
		for _, in := range body {
			if in.Op == OpCall {
				in.Level = l.level
			}
		}
		return append(reset, body...)
	case List, Set:
		return []*Instr{{Op: OpReadList, Off: off, Wire: t.Elem.Wire, Type: t, N: int(t.Elem.Go.Size()), Level: l.level,
			Body: l.decodeElem(t.Elem, depth)}}
	case Map:
		return []*Instr{{Op: OpReadMap, Off: off, Type: t, Level: l.level, Key: l.decodeElem(t.Key, depth), Value: l.decodeElem(t.Elem, depth)}}
	}
	return []*Instr{{Op: OpReadFixed, Off: off, Type: t}}
}

func (l *lowerer) decodeElem(t *Type, depth int) []*Instr {
	if !t.Pointer {
		return l.decodeValue(t, 0, depth, false)
	}
	return []*Instr{{Op: OpNew, Type: t, Body: l.decodeValue(t, 0, depth, false)}}
}
