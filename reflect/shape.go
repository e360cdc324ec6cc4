package reflect

import "github.com/frugaljit/frugal/ir"

// A shape names a Go memory layout that several Go types share as map keys
// or values. Maps whose key and value have known shapes are handled by
// generic code instantiated per shape pair (see mapcodec.go): a map's
// runtime behaviour depends on its key type's hash and equality and on its
// value's size, alignment and pointer layout, all equal within a shape.
type shape uint8

const (
	shapeOther   shape = iota // no fast path: use package reflect
	shapeInt8                 // bool, int8, 1-byte enums
	shapeInt16                // int16, 2-byte enums
	shapeInt32                // int32, 4-byte enums
	shapeInt64                // int64, int, 8-byte enums (and float64 as a value)
	shapeFloat64              // float64 as a key (hashed as a float)
	shapeString               // string
	shapePointer              // *struct, and maps as values
	shapeSlice                // any slice, as a value
)

func intShape(size uintptr) shape {
	switch size {
	case 1:
		return shapeInt8
	case 2:
		return shapeInt16
	case 4:
		return shapeInt32
	case 8:
		return shapeInt64
	}
	return shapeOther
}

// keyShape returns the shape of a map key type.
func keyShape(t *ir.Type) shape {
	if t.Pointer {
		return shapePointer
	}
	switch t.Kind {
	case ir.Bool, ir.I8, ir.I16, ir.I32, ir.I64, ir.Enum:
		return intShape(t.Size)
	case ir.Double:
		return shapeFloat64
	case ir.String:
		return shapeString
	}
	return shapeOther
}

// valueShape returns the shape of a map value type.
func valueShape(t *ir.Type) shape {
	if t.Pointer {
		return shapePointer
	}
	switch t.Kind {
	case ir.Bool, ir.I8, ir.I16, ir.I32, ir.I64, ir.Enum, ir.Double:
		return intShape(t.Size)
	case ir.String:
		return shapeString
	case ir.Binary, ir.List, ir.Set:
		return shapeSlice
	case ir.Map:
		return shapePointer
	}
	return shapeOther
}
