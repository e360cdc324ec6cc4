package ir

// sizeStruct lowers the size of the struct s at base: the fixed part as one
// constant, then the fields whose size depends on the value.
func (l *lowerer) sizeStruct(s *StructDesc, base uintptr, depth int) []*Instr {
	out := []*Instr{{Op: OpSizeConst, N: s.FixedFieldsSize}}
	for _, k := range s.VarFields {
		f := &s.Fields[k]
		out = append(out, ifSet(f, base, l.sizeField(f, base, depth))...)
	}
	if s.UnknownFields >= 0 {
		out = append(out, &Instr{Op: OpSizeUnknown, Off: base + uintptr(s.UnknownFields)})
	}
	return out
}

func (l *lowerer) sizeField(f *Field, base uintptr, depth int) []*Instr {
	header := &Instr{Op: OpSizeConst, N: 3}
	off := base + f.Offset
	if !f.Pointer {
		return append([]*Instr{header}, l.sizeValue(f.Type, off, depth)...)
	}
	d := &Instr{Op: OpDeref, Off: off, Field: f, Type: f.Type,
		Body: append([]*Instr{header}, l.sizeValue(f.Type, 0, depth)...)}
	if f.Required != Optional { // a nil struct is written empty (or fails encoding)
		d.Else = []*Instr{{Op: OpSizeConst, N: 3 + 1}}
	}
	return []*Instr{d}
}

func (l *lowerer) sizeValue(t *Type, off uintptr, depth int) []*Instr {
	if t.FixedSize > 0 {
		return []*Instr{{Op: OpSizeConst, N: t.FixedSize}}
	}
	switch t.Kind {
	case String, Binary:
		return []*Instr{{Op: OpSizeBytes, Off: off, Type: t}}
	case Struct:
		return l.nested(t.Struct, off, depth+1, l.sizeStruct)
	case List, Set:
		if fs := t.Elem.FixedSize; fs > 0 {
			return []*Instr{{Op: OpSizeList, Off: off, N: fs, Type: t}}
		}
		return []*Instr{
			{Op: OpSizeList, Off: off, Type: t},
			{Op: OpEach, Off: off, N: int(t.Elem.Go.Size()), Type: t, Body: l.sizeElem(t.Elem, depth)},
		}
	case Map:
		if kf, vf := t.Key.FixedSize, t.Elem.FixedSize; kf > 0 && vf > 0 {
			return []*Instr{{Op: OpSizeMap, Off: off, N: kf + vf, Type: t}}
		}
		return []*Instr{
			{Op: OpSizeMap, Off: off, Type: t},
			{Op: OpMapEach, Off: off, Type: t, Key: l.sizeElem(t.Key, depth), Value: l.sizeElem(t.Elem, depth)},
		}
	}
	return nil
}

func (l *lowerer) sizeElem(t *Type, depth int) []*Instr {
	if !t.Pointer {
		return l.sizeValue(t, 0, depth)
	}
	return []*Instr{{Op: OpDeref, Type: t, Body: l.sizeValue(t, 0, depth), Else: []*Instr{{Op: OpSizeConst, N: 1}}}}
}
