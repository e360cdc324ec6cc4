package ir

// A Shape names a Go memory layout that several Go types share as map keys
// or values. Engines handle maps whose key and value have known shapes with
// generic code instantiated per shape pair (a map of a named string type
// is used as a map[string]...): a map's runtime behaviour depends on its
// key type's hash and equality and on its value's size, alignment and
// pointer layout, all equal within a shape.
type Shape uint8

const (
	ShapeOther   Shape = iota // no fast path: use package reflect
	ShapeInt8                 // bool, int8, 1-byte enums
	ShapeInt16                // int16, 2-byte enums
	ShapeInt32                // int32, 4-byte enums
	ShapeInt64                // int64, int, 8-byte enums (and float64 as a value)
	ShapeFloat64              // float64 as a key (hashed as a float)
	ShapeString               // string
	ShapePointer              // *struct, and maps as values
	ShapeSlice                // any slice, as a value
)

func intShape(size uintptr) Shape {
	switch size {
	case 1:
		return ShapeInt8
	case 2:
		return ShapeInt16
	case 4:
		return ShapeInt32
	case 8:
		return ShapeInt64
	}
	return ShapeOther
}

// KeyShape returns the shape of a map key type.
func KeyShape(t *Type) Shape {
	if t.Pointer {
		return ShapePointer
	}
	switch t.Kind {
	case Bool, I8, I16, I32, I64, Enum:
		return intShape(t.Size)
	case Double:
		return ShapeFloat64
	case String:
		return ShapeString
	}
	return ShapeOther
}

// ValueShape returns the shape of a map value type.
func ValueShape(t *Type) Shape {
	if t.Pointer {
		return ShapePointer
	}
	switch t.Kind {
	case Bool, I8, I16, I32, I64, Enum, Double:
		return intShape(t.Size)
	case String:
		return ShapeString
	case Binary, List, Set:
		return ShapeSlice
	case Map:
		return ShapePointer
	}
	return ShapeOther
}

// DirectMap reports whether engines size and encode maps of type t whole,
// in Go code generic over the key's and value's shapes, rather than entry
// by entry: keys and values held by value, of scalar kinds, strings or
// binaries.
func DirectMap(t *Type) bool {
	direct := func(x *Type, s Shape) bool {
		switch x.Kind {
		case Bool, I8, I16, I32, I64, Enum, Double, String, Binary:
			return !x.Pointer && s != ShapeOther
		}
		return false
	}
	return direct(t.Key, KeyShape(t.Key)) && direct(t.Elem, ValueShape(t.Elem))
}
