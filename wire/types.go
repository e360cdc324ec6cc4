package wire

// Type is a Thrift wire type id, the byte that precedes a field or describes
// the elements of a container.
type Type uint8

// The wire type ids of the Thrift binary protocol.
const (
	Stop   Type = 0
	Bool   Type = 2
	Byte   Type = 3
	Double Type = 4
	I16    Type = 6
	I32    Type = 8
	I64    Type = 10
	String Type = 11
	Struct Type = 12
	Map    Type = 13
	Set    Type = 14
	List   Type = 15
)

// Header sizes of the binary protocol.
const (
	FieldHeaderSize = 3 // type byte, i16 field id
	ListHeaderSize  = 5 // element type byte, i32 count (set too)
	MapHeaderSize   = 6 // key type byte, value type byte, i32 count
	LengthSize      = 4 // i32 length before string and binary data
)

// NocopyThreshold is the length from which EncodeObject hands a string or
// binary to a NocopyWriter instead of copying it, the same threshold as
// Kitex's generated code.
const NocopyThreshold = 4096

// fixedSizes holds the encoded size of each fixed-size wire type.
var fixedSizes = [16]int8{Bool: 1, Byte: 1, Double: 8, I16: 2, I32: 4, I64: 8}

// minSizes holds the fewest bytes a value of each wire type takes: an empty
// string, struct or container included. Zero means the id is not a type.
var minSizes = [16]int8{
	Bool: 1, Byte: 1, Double: 8, I16: 2, I32: 4, I64: 8,
	String: LengthSize, Struct: 1, Map: MapHeaderSize, Set: ListHeaderSize, List: ListHeaderSize,
}

// FixedSize returns the encoded size of a value of type t, or 0 when the size
// depends on the value.
func (t Type) FixedSize() int {
	if t >= 16 {
		return 0
	}
	return int(fixedSizes[t])
}

// MinSize returns the fewest bytes a value of type t can take on the wire, or
// 0 when t is not a valid value type. Decoders check a declared count against
// it before allocating, so that a short message cannot ask for a huge
// allocation.
func (t Type) MinSize() int {
	if t >= 16 {
		return 0
	}
	return int(minSizes[t])
}

// Valid reports whether t is the id of a value type (not Stop, not unknown).
func (t Type) Valid() bool { return t.MinSize() != 0 }

var typeNames = [16]string{
	Stop: "stop", Bool: "bool", Byte: "byte", Double: "double", I16: "i16", I32: "i32", I64: "i64",
	String: "string", Struct: "struct", Map: "map", Set: "set", List: "list",
}

// String returns the IDL keyword of t, or "type(N)" for an unknown id.
func (t Type) String() string {
	if t < 16 && typeNames[t] != "" {
		return typeNames[t]
	}
	return "type(" + itoa(int(t)) + ")"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
