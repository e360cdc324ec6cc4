package ir

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/frugaljit/frugal/wire"
)

// Type describes a Thrift value and the Go memory that holds it.
type Type struct {
	Kind Kind
	// Go is the Go type as stored: *T when Pointer is set, else T.
	Go reflect.Type
	// Pointer is set when the value is reached through a pointer (optional
	// scalars, struct pointers, pointer elements of containers).
	Pointer bool
	// Size is the size in memory of the value itself (of T, not *T).
	Size uintptr
	// Elem is the element type of a list or set, or the value type of a map.
	Elem *Type
	// Key is the key type of a map.
	Key *Type
	// Struct describes a struct value.
	Struct *StructDesc
	// Wire is Kind.Wire(), kept here so hot loops read one field.
	Wire wire.Type
	// FixedSize is the encoded size of every value of this type, or 0 when
	// it varies.
	FixedSize int
	// MinSize is the fewest bytes an encoded value takes.
	MinSize int
	// Value is the Go type of the value itself (T).
	Value reflect.Type
	// Name is the enum or struct name the tag gives, if any.
	Name string
	// Batch is []T for pointers to structs, so that decoders can allocate
	// the structs of a whole container at once.
	Batch reflect.Type
}

// String returns the type as a frugal tag would write it.
func (t *Type) String() string {
	s := t.Kind.String()
	switch t.Kind {
	case List, Set:
		s += "<" + t.Elem.String() + ">"
	case Map:
		s += "<" + t.Key.String() + ":" + t.Elem.String() + ">"
	case Struct, Enum:
		s = t.Name
		if s == "" {
			s = t.Value.Name()
		}
	}
	if t.Pointer {
		s = "*" + s
	}
	return s
}

// IsScalar reports whether values of t are fixed-size and pointer-free in
// memory (bool, integers, enums, double) and stored inline.
func (t *Type) IsScalar() bool {
	return !t.Pointer && t.FixedSize > 0
}

// binder turns Go types and parsed tag types into Types, resolving struct
// types through the resolver so that recursive types share one *Struct.
type binder struct {
	r    *resolver
	path string // for errors
}

func (b *binder) errorf(hint, format string, args ...any) error {
	return &SchemaError{Path: b.path, Problem: fmt.Sprintf(format, args...), Hint: hint}
}

var bytesType = reflect.TypeOf([]byte(nil))

// bind describes Go type gt, checked against the tag's type expression e (nil
// when the tag gives none and the type is inferred). allowPtr says whether a
// pointer is acceptable at this position.
func (b *binder) bind(gt reflect.Type, e *typeExpr) (*Type, error) {
	t := &Type{Go: gt}
	vt := gt
	if gt.Kind() == reflect.Pointer {
		t.Pointer = true
		vt = gt.Elem()
		if vt.Kind() == reflect.Pointer {
			return nil, b.errorf("use a single pointer", "Go type %s is a pointer to a pointer", gt)
		}
	}
	t.Value = vt
	t.Size = vt.Size()
	if e != nil && !isKeyword(e.name) {
		t.Name = e.name
	}
	if err := b.bindKind(t, vt, e); err != nil {
		return nil, err
	}
	t.Wire = t.Kind.Wire()
	t.FixedSize = t.Wire.FixedSize()
	t.MinSize = t.Wire.MinSize()
	if t.Pointer && t.Kind == Struct {
		t.Batch = reflect.SliceOf(vt)
	}
	if t.Pointer && t.Kind != Struct && !isScalarKind(t.Kind) && t.Kind != String && t.Kind != Binary {
		return nil, b.errorf("drop the pointer: a nil "+vt.Kind().String()+" already means unset",
			"Go type %s: pointers to %s are not supported", gt, t.Kind)
	}
	return t, nil
}

func isScalarKind(k Kind) bool {
	switch k {
	case Bool, I8, I16, I32, I64, Double, Enum:
		return true
	}
	return false
}

// goIntKind maps a Go integer kind to the Thrift integer of the same width.
func goIntKind(vt reflect.Type) (Kind, bool) {
	switch vt.Kind() {
	case reflect.Int8:
		return I8, true
	case reflect.Int16:
		return I16, true
	case reflect.Int32:
		return I32, true
	case reflect.Int64:
		return I64, true
	case reflect.Int:
		if unsafe.Sizeof(int(0)) == 8 {
			return I64, true
		}
		return I32, true
	}
	return 0, false
}

func (b *binder) bindKind(t *Type, vt reflect.Type, e *typeExpr) error {
	name := ""
	if e != nil {
		name = e.name
	}
	mismatch := func(want string) error {
		return b.errorf("write \""+want+"\" or change the Go type",
			"tag type %q does not fit Go type %s", e.String(), t.Go)
	}
	switch vt.Kind() {
	case reflect.Bool:
		t.Kind = Bool
		if name != "" && name != "bool" {
			return mismatch("bool")
		}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		k, _ := goIntKind(vt)
		t.Kind = k
		switch {
		case name == "" || name == k.String() || (k == I8 && name == "byte"):
		case !isKeyword(name):
			t.Kind = Enum
		default:
			return mismatch(k.String())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return b.errorf("use int8, int16, int32 or int64", "Thrift has no unsigned integers, found Go type %s", t.Go)
	case reflect.Float64:
		t.Kind = Double
		if name != "" && name != "double" {
			return mismatch("double")
		}
	case reflect.Float32:
		return b.errorf("use float64", "Thrift double is 64 bits, found Go type %s", t.Go)
	case reflect.String:
		t.Kind = String
		if name != "" && name != "string" && name != "binary" {
			return mismatch("string")
		}
	case reflect.Slice:
		if vt.Elem().Kind() == reflect.Uint8 {
			t.Kind = Binary
			if name != "" && name != "binary" && name != "string" {
				return mismatch("binary")
			}
			if vt != bytesType && vt.Elem() != bytesType.Elem() {
				return b.errorf("use []byte", "binary must be []byte, found Go type %s", t.Go)
			}
			return nil
		}
		return b.bindSlice(t, vt, e)
	case reflect.Map:
		return b.bindMap(t, vt, e)
	case reflect.Struct:
		if name != "" && isKeyword(name) {
			return mismatch(vt.Name())
		}
		t.Kind = Struct
		s, err := b.r.resolve(vt)
		if err != nil {
			return err
		}
		t.Struct = s
	case reflect.Array:
		return b.errorf("use a slice []"+vt.Elem().String(), "Go arrays are not supported, found %s", t.Go)
	default:
		return b.errorf("", "Go type %s has no Thrift equivalent", t.Go)
	}
	if len(e.argsOrNil()) != 0 {
		return mismatch(t.Kind.String())
	}
	return nil
}

func (e *typeExpr) argsOrNil() []*typeExpr {
	if e == nil {
		return nil
	}
	return e.args
}

func (b *binder) bindSlice(t *Type, vt reflect.Type, e *typeExpr) error {
	if e == nil {
		return b.errorf(`say which in a frugal tag, e.g. frugal:"1,default,list<...>"`,
			"Go type %s may be a list or a set", t.Go)
	}
	switch e.name {
	case "list":
		t.Kind = List
	case "set":
		t.Kind = Set
	default:
		return b.errorf(`write "list<...>" or "set<...>"`, "tag type %q does not fit Go type %s", e.String(), t.Go)
	}
	elem, err := b.bind(vt.Elem(), e.args[0])
	if err != nil {
		return err
	}
	if elem.Pointer && elem.Kind != Struct {
		return b.errorf("use []"+elem.Value.String(), "Go type %s: only struct elements may be pointers", t.Go)
	}
	t.Elem = elem
	return nil
}

func (b *binder) bindMap(t *Type, vt reflect.Type, e *typeExpr) error {
	t.Kind = Map
	var ke, ve *typeExpr
	if e != nil {
		if e.name != "map" {
			return b.errorf(`write "map<K:V>"`, "tag type %q does not fit Go type %s", e.String(), t.Go)
		}
		ke, ve = e.args[0], e.args[1]
	}
	key, err := b.bind(vt.Key(), ke)
	if err != nil {
		return err
	}
	if key.Pointer && key.Kind != Struct {
		return b.errorf("use "+key.Value.String()+" as the key", "Go type %s: only struct keys may be pointers", t.Go)
	}
	val, err := b.bind(vt.Elem(), ve)
	if err != nil {
		return err
	}
	if val.Pointer && val.Kind != Struct {
		return b.errorf("use "+val.Value.String()+" as the value", "Go type %s: only struct values may be pointers", t.Go)
	}
	t.Key, t.Elem = key, val
	return nil
}
