package testtypes

import "strings"

// BaselineString is the string the baseline IDL's header says to use.
var BaselineString = strings.Repeat("你好,\b\n\r\t世界", 16)

// BaselineBinary returns the 256-byte binary the baseline IDL's header says
// to use.
func BaselineBinary() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// NewSimple returns a Simple populated as the baseline IDL's header says.
func NewSimple() *Simple {
	return &Simple{
		ByteField: 1, I64Field: 1 << 40, DoubleField: 3.5, I32Field: 1 << 20,
		StringField: BaselineString, BinaryField: BaselineBinary(), EnumField: EnumsValueB,
	}
}

// NewNesting returns a Nesting with 8 entries in every list and map.
func NewNesting() *Nesting {
	n := &Nesting{
		String: BaselineString, Double: 2.25, I32: -7, I64: -1 << 50, Binary: BaselineBinary(), Byte: -3,
		SimpleStruct:    NewSimple(),
		MapStringString: map[string]string{}, MapI32I64: map[int32]int64{}, MapI64String: map[int64]string{},
		MapStringSimple: map[string]*Simple{},
	}
	for i := 0; i < 8; i++ {
		k := BaselineString + string(rune('a'+i))
		n.ListSimple = append(n.ListSimple, NewSimple())
		n.ListI32 = append(n.ListI32, int32(i*1000))
		n.ListI64 = append(n.ListI64, int64(i)<<33)
		n.ListString = append(n.ListString, k)
		n.MapStringString[k] = BaselineString
		n.MapI32I64[int32(i)] = int64(i) << 40
		n.MapI64String[int64(i)<<35] = k
		n.MapStringSimple[k] = NewSimple()
	}
	return n
}

// NewNesting2 returns a Nesting2 with 8 entries in its list and map.
func NewNesting2() *Nesting2 {
	n := &Nesting2{
		MapSimpleNesting: map[*Simple]*Nesting{}, SimpleStruct: NewSimple(), Byte: 9, Double: -1.5,
		I64: 1 << 62, NestingStruct: NewNesting(), Binary: BaselineBinary(), String: BaselineString, I32: 42,
	}
	for i := 0; i < 8; i++ {
		k := NewSimple()
		k.I32Field = int32(i)
		n.MapSimpleNesting[k] = NewNesting()
		n.ListNesting = append(n.ListNesting, NewNesting())
	}
	return n
}
