package ir

import (
	"reflect"
	"sort"
	"unsafe"

	"github.com/frugaljit/frugal/wire"
)

// Field is one serialized field of a struct.
type Field struct {
	// The first line holds what an encoder's or decoder's loop reads for
	// every field, copied from Type so that scalar fields need no other
	// cache line.
	Offset   uintptr // from the start of the struct
	Type     *Type
	ID       int16
	Kind     Kind      // Type.Kind
	Wire     wire.Type // Type.Wire
	Fixed    uint8     // Type.FixedSize
	Pointer  bool      // Type.Pointer
	Omit     Omit      // when an encoder leaves the field out
	Required Requiredness
	// NoCopy makes decoded strings and binaries alias the input bytes.
	NoCopy bool
	// RequiredIndex is the field's position in StructDesc.Required, or -1.
	RequiredIndex int
	// Default points at this field's value in a struct on which InitDefault
	// ran, or at a zero value when the struct has no InitDefault. Encoders
	// compare optional non-pointer fields with it (a field equal to its
	// default is not set, as thriftgo's IsSet says).
	Default unsafe.Pointer
	Name    string // Go field name
	// HasDefault is set when InitDefault gave the field a value other than
	// the zero value.
	HasDefault bool
}

// Omit says when an encoder leaves a field out.
type Omit uint8

// The omission rules, following thriftgo's IsSet methods.
const (
	OmitNever     Omit = iota // default and required fields
	OmitNil                   // optional pointers, containers, binaries without a default: nil means unset
	OmitAtDefault             // optional inline values: equal to the default means unset
)

// omitRule derives when the field is left out of an encoding.
func (f *Field) omitRule() Omit {
	if f.Required != Optional {
		return OmitNever
	}
	if f.Type.Pointer {
		return OmitNil
	}
	switch f.Type.Kind {
	case List, Set, Map:
		return OmitNil
	case Binary:
		if !f.HasDefault {
			return OmitNil
		}
	}
	return OmitAtDefault
}

// StructDesc describes a Go struct type as a Thrift struct.
type StructDesc struct {
	Go     reflect.Type
	Name   string  // Go type name with package, e.g. "baseline.Nesting"
	Fields []Field // in declaration order, the order they are written in
	// Required lists the indexes in Fields of required fields.
	Required []int
	// InitDefault, when the type has an InitDefault method, is a value of
	// the interface holding a pointer to a template struct; callers run it
	// on another struct by swapping the data word (see CallInitDefault).
	InitDefault interface{ InitDefault() }
	// UnknownFields is the offset of the `_unknownFields []byte` field that
	// keeps fields the schema does not know, or -1.
	UnknownFields int
	// FixedFieldsSize is the total encoded size of fields that are always
	// written with a fixed size, headers included, plus the stop byte.
	FixedFieldsSize int
	// VarFields lists the indexes in Fields of the other fields, whose size
	// depends on the value.
	VarFields []int

	byID    []*Field // dense index: byID[id] is the field with that id, for 0 <= id < len(byID)
	sparse  []int    // field indexes sorted by id, for ids outside byID
	zero    unsafe.Pointer
	pending bool // being resolved (recursion in progress)
	// initNoop is set when InitDefault left a zero struct zero: thriftgo
	// gives every struct an InitDefault, an empty one where no field has a
	// default value.
	initNoop bool
}

// FieldByID returns the field with the given id, or nil. It inlines into
// decoders' loops; ids outside the dense index take fieldBySparseID.
func (s *StructDesc) FieldByID(id int16) *Field {
	if uint(id) < uint(len(s.byID)) {
		return s.byID[id]
	}
	return s.fieldBySparseID(id)
}

func (s *StructDesc) fieldBySparseID(id int16) *Field {
	lo, hi := 0, len(s.sparse)
	for lo < hi {
		m := (lo + hi) / 2
		f := &s.Fields[s.sparse[m]]
		switch {
		case f.ID == id:
			return f
		case f.ID < id:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// NeedsInitDefault reports whether a new zero struct of this type must
// have its InitDefault run: the type has one, and it sets something in a
// zero struct (run once on a template when the type was resolved). A
// compiled engine allocating many structs skips a call per struct where
// it would change nothing; the reflect codec, the oracle, calls it always.
func (s *StructDesc) NeedsInitDefault() bool { return s.InitDefault != nil && !s.initNoop }

// CallInitDefault runs the struct's InitDefault method on the struct at p.
func (s *StructDesc) CallInitDefault(p unsafe.Pointer) {
	f := s.InitDefault
	(*[2]unsafe.Pointer)(unsafe.Pointer(&f))[1] = p
	f.InitDefault()
}

// maxDenseID bounds the dense id index; larger ids use binary search.
const maxDenseID = 1024

func (s *StructDesc) index() {
	maxID := -1
	for i := range s.Fields {
		if id := int(s.Fields[i].ID); id >= 0 && id < maxDenseID && id > maxID {
			maxID = id
		}
	}
	s.byID = make([]*Field, maxID+1)
	s.FixedFieldsSize = 1 // the stop byte
	for i := range s.Fields {
		f := &s.Fields[i]
		f.Omit = f.omitRule()
		if f.ID >= 0 && int(f.ID) <= maxID {
			s.byID[f.ID] = f
		} else {
			s.sparse = append(s.sparse, i)
		}
		f.RequiredIndex = -1
		if f.Required == Required {
			f.RequiredIndex = len(s.Required)
			s.Required = append(s.Required, i)
		}
		f.Kind, f.Wire, f.Fixed, f.Pointer = f.Type.Kind, f.Type.Wire, uint8(f.Type.FixedSize), f.Type.Pointer
		if f.Omit == OmitNever && !f.Pointer && f.Fixed > 0 {
			s.FixedFieldsSize += 3 + int(f.Fixed)
		} else {
			s.VarFields = append(s.VarFields, i)
		}
	}
	sort.Slice(s.sparse, func(a, b int) bool { return s.Fields[s.sparse[a]].ID < s.Fields[s.sparse[b]].ID })
}
