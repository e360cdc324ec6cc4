package ir

import "github.com/frugaljit/frugal/wire"

// Kind is what a value is in Thrift terms, finer than its wire type: binary
// and enum share wire types with string and i32 but not their Go layouts.
type Kind uint8

// The kinds of Thrift values.
const (
	Bool   Kind = iota + 1 // Go bool
	I8                     // Go int8 (Thrift byte and i8)
	I16                    // Go int16
	I32                    // Go int32
	I64                    // Go int64 or int (64-bit platforms)
	Double                 // Go float64
	String                 // Go string
	Binary                 // Go []byte
	Enum                   // any Go integer type; i32 on the wire
	Struct                 // Go struct (or pointer to one)
	List                   // Go slice
	Set                    // Go slice
	Map                    // Go map
)

var kindWire = [...]wire.Type{
	Bool: wire.Bool, I8: wire.Byte, I16: wire.I16, I32: wire.I32, I64: wire.I64, Double: wire.Double,
	String: wire.String, Binary: wire.String, Enum: wire.I32, Struct: wire.Struct,
	List: wire.List, Set: wire.Set, Map: wire.Map,
}

var kindNames = [...]string{
	Bool: "bool", I8: "i8", I16: "i16", I32: "i32", I64: "i64", Double: "double",
	String: "string", Binary: "binary", Enum: "enum", Struct: "struct",
	List: "list", Set: "set", Map: "map",
}

// Wire returns the wire type of values of kind k.
func (k Kind) Wire() wire.Type { return kindWire[k] }

// String returns the IDL keyword of k.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind(?)"
}

// Requiredness is a field's Thrift requiredness.
type Requiredness uint8

// The requiredness of a field.
const (
	Default  Requiredness = iota // written always, may be absent on decode
	Required                     // written always, must be present on decode
	Optional                     // written only when set
)

// String returns the IDL keyword of r.
func (r Requiredness) String() string {
	switch r {
	case Required:
		return "required"
	case Optional:
		return "optional"
	}
	return "default"
}
