package testtypes

import "github.com/frugaljit/frugal/wire"

// MalformedCase is a message that decoding into Everything must refuse with
// the error class Want, never with a panic.
type MalformedCase struct {
	Name string
	Buf  Msg
	Want error
}

// RequiredFields holds Everything's required fields, to append to hand-built
// messages that should fail for another reason.
var RequiredFields = Msg{}.Field(wire.I64, 18).I64(0).Field(wire.Struct, 17).Stop()

// Malformed returns the malformed-input table, for a decoder whose depth
// limit is maxDepth.
func Malformed(maxDepth int) []MalformedCase {
	return []MalformedCase{
		{"empty input", Msg{}, wire.ErrTruncated},
		{"no stop byte", RequiredFields, wire.ErrTruncated},
		{"field header cut", Msg{}.B(byte(wire.I32), 0), wire.ErrTruncated},
		{"i32 cut", Msg{}.Field(wire.I32, 4).B(0, 0), wire.ErrTruncated},
		{"negative string length", Msg{}.Field(wire.String, 7).I32(-1), wire.ErrNegativeSize},
		{"string length past the end", Msg{}.Field(wire.String, 7).I32(1 << 30).B('a'), wire.ErrTruncated},
		{"binary length past the end", Msg{}.Field(wire.String, 8).I32(5).B(1, 2), wire.ErrTruncated},
		{"negative list count", Msg{}.Field(wire.List, 19).List(wire.Bool, -5), wire.ErrNegativeSize},
		{"list of 2^31-1 in a few bytes", Msg{}.Field(wire.List, 19).List(wire.Bool, 1<<31-1).B(1), wire.ErrTruncated},
		{"list of 2^31-1 structs", Msg{}.Field(wire.List, 37).List(wire.Struct, 1<<31-1).Stop(), wire.ErrTruncated},
		{"negative map count", Msg{}.Field(wire.Map, 28).Map(wire.I32, wire.Set, -1), wire.ErrNegativeSize},
		{"map of 2^31-1 entries", Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 1<<31-1).F64(1).Str(""), wire.ErrTruncated},
		{"list element type mismatch", Msg{}.Field(wire.List, 20).List(wire.I32, 1).I32(1), wire.ErrTypeMismatch},
		{"map key type mismatch", Msg{}.Field(wire.Map, 28).Map(wire.I64, wire.Set, 1).I64(1).List(wire.String, 0), wire.ErrTypeMismatch},
		{"map value type mismatch", Msg{}.Field(wire.Map, 30).Map(wire.I32, wire.I64, 1).I32(1).I64(1), wire.ErrTypeMismatch},
		{"unknown field type id", Msg{}.Field(wire.Type(1), 200).B(0), wire.ErrUnknownType},
		{"unknown type id 16", Msg{}.Field(wire.Type(16), 200).B(0), wire.ErrUnknownType},
		{"unknown element type in skipped list", Msg{}.Field(wire.List, 200).List(wire.Type(9), 1).B(0), wire.ErrUnknownType},
		{"unknown key type in skipped map", Msg{}.Field(wire.Map, 200).Map(wire.Type(5), wire.I32, 1).B(0, 0, 0, 0, 0), wire.ErrUnknownType},
		{"negative length in skipped string", Msg{}.Field(wire.String, 200).I32(-9), wire.ErrNegativeSize},
		{"skipped list count past the end", Msg{}.Field(wire.List, 200).List(wire.I64, 1000).I64(1), wire.ErrTruncated},
		{"skipped struct cut", Msg{}.Field(wire.Struct, 200).Field(wire.I32, 1).I32(1), wire.ErrTruncated},
		{"skipped nesting too deep", Msg{}.Field(wire.List, 200).B(nest(maxDepth + 5)...), wire.ErrDepthLimit},
		{"decoded nesting too deep", deepChain(maxDepth + 5), wire.ErrDepthLimit},
		{"missing required i64", Msg{}.Field(wire.Struct, 17).Stop().Stop(), wire.ErrMissingRequired},
		{"missing required struct", Msg{}.Field(wire.I64, 18).I64(1).Stop(), wire.ErrMissingRequired},
		{"required field with the wrong type", Msg{}.Field(wire.I32, 18).I32(1).Field(wire.Struct, 17).Stop().Stop(), wire.ErrMissingRequired},
		{"missing required in a nested struct", Msg{}.B(RequiredFields...).Field(wire.Struct, 45).Stop().Stop(), wire.ErrMissingRequired},
	}
}

// nest returns n levels of list<list<...>> with one element each, ending in
// an empty list.
func nest(n int) Msg {
	var m Msg
	for i := 0; i < n; i++ {
		m = m.List(wire.List, 1)
	}
	return m.List(wire.I32, 0)
}

// deepChain nests Everything.Next n deep.
func deepChain(n int) Msg {
	var m Msg
	for i := 0; i < n; i++ {
		m = m.B(RequiredFields...).Field(wire.Struct, 45)
	}
	m = m.B(RequiredFields...)
	for i := 0; i <= n; i++ {
		m = m.Stop()
	}
	return m
}
