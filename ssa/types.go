package ssa

// Type is the type of an SSA value.
type Type uint8

// The value types. Integers carry no signedness: ops say how they read them.
const (
	TypeInvalid Type = iota
	TypeI8
	TypeI16
	TypeI32
	TypeI64
	TypePtr   // an address (into Go memory, the input, or the output)
	TypeBool  // a comparison result
	TypeMem   // the memory state
	TypeTuple // an exit's result: a value and the new memory (see OpSelect)
)

var typeNames = [...]string{TypeInvalid: "invalid", TypeI8: "i8", TypeI16: "i16", TypeI32: "i32", TypeI64: "i64",
	TypePtr: "ptr", TypeBool: "bool", TypeMem: "mem", TypeTuple: "tuple"}

// String returns the type's name.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "type(?)"
}

// IsInt reports whether t is an integer type.
func (t Type) IsInt() bool { return t >= TypeI8 && t <= TypeI64 }

// Size returns the size in bytes of a value of t in memory (0 for types
// that are not stored).
func (t Type) Size() int {
	switch t {
	case TypeI8, TypeBool:
		return 1
	case TypeI16:
		return 2
	case TypeI32:
		return 4
	case TypeI64, TypePtr:
		return 8
	}
	return 0
}

// IntType returns the integer type of the given size in bytes.
func IntType(size int) Type {
	switch size {
	case 1:
		return TypeI8
	case 2:
		return TypeI16
	case 4:
		return TypeI32
	}
	return TypeI64
}
