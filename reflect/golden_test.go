package reflect_test

import (
	"bytes"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/wire"
)

// The bytes the Thrift binary protocol specifies, written out by hand.
func TestGoldenSimple(t *testing.T) {
	v := &testtypes.Simple{ByteField: -1, I64Field: 1 << 40, DoubleField: 0.5, I32Field: -2,
		StringField: "ab", BinaryField: []byte{1, 2, 3}, EnumField: testtypes.EnumsValueC}
	want := Msg{}.
		Field(wire.Byte, 1).B(0xff).
		Field(wire.I64, 2).I64(1<<40).
		Field(wire.Double, 3).F64(0.5).
		Field(wire.I32, 4).I32(-2).
		Field(wire.String, 5).Str("ab").
		Field(wire.String, 6).Str("\x01\x02\x03").
		Field(wire.I32, 7).I32(2).
		Stop()
	if got := encode(t, v); !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
	var out testtypes.Simple
	decode(t, want, &out)
	if !testtypes.Equal(v, &out) {
		t.Fatalf("decode: got %+v want %+v", out, *v)
	}
}

func TestGoldenContainers(t *testing.T) {
	v := &testtypes.Everything{
		ReqStruct:  &testtypes.Simple{},
		ListBool:   []bool{true, false},
		ListList:   [][]int32{{7}, {}},
		MapI32Set:  map[int32][]string{5: {"x"}},
		ListInline: []testtypes.Simple{{I32Field: 9}},
		OptList:    []int32{},
		DefI32:     7, // equal to its default: left out
		DefString:  "set",
	}
	emptySimple := Msg{}.
		Field(wire.Byte, 1).B(0).Field(wire.I64, 2).I64(0).Field(wire.Double, 3).F64(0).
		Field(wire.I32, 4).I32(0).Field(wire.String, 5).Str("").Field(wire.String, 6).Str("").
		Field(wire.I32, 7).I32(0).Stop()
	simple9 := Msg{}.
		Field(wire.Byte, 1).B(0).Field(wire.I64, 2).I64(0).Field(wire.Double, 3).F64(0).
		Field(wire.I32, 4).I32(9).Field(wire.String, 5).Str("").Field(wire.String, 6).Str("").
		Field(wire.I32, 7).I32(0).Stop()
	want := Msg{}.
		Field(wire.Bool, 1).B(0).Field(wire.Byte, 2).B(0).Field(wire.I16, 3).I16(0).
		Field(wire.I32, 4).I32(0).Field(wire.I64, 5).I64(0).Field(wire.Double, 6).F64(0).
		Field(wire.String, 7).Str("").Field(wire.String, 8).Str("").
		Field(wire.I32, 9).I32(0).Field(wire.I32, 10).I32(0).
		Field(wire.Struct, 17).B(emptySimple...).
		Field(wire.I64, 18).I64(0).
		Field(wire.List, 19).List(wire.Bool, 2).B(1, 0).
		Field(wire.List, 20).List(wire.I16, 0).
		Field(wire.List, 21).List(wire.Double, 0).
		Field(wire.List, 22).List(wire.String, 0).
		Field(wire.List, 23).List(wire.I32, 0).
		Field(wire.Set, 24).List(wire.I64, 0).
		Field(wire.Set, 25).List(wire.String, 0).
		Field(wire.List, 26).List(wire.List, 2).List(wire.I32, 1).I32(7).List(wire.I32, 0).
		Field(wire.List, 27).List(wire.Map, 0).
		Field(wire.Map, 28).Map(wire.I32, wire.Set, 1).I32(5).List(wire.String, 1).Str("x").
		Field(wire.Map, 29).Map(wire.Struct, wire.Struct, 0).
		Field(wire.Map, 30).Map(wire.I32, wire.Double, 0).
		Field(wire.Map, 31).Map(wire.Double, wire.String, 0).
		Field(wire.Map, 32).Map(wire.Bool, wire.Byte, 0).
		Field(wire.Map, 33).Map(wire.String, wire.List, 0).
		Field(wire.Map, 34).Map(wire.I16, wire.Map, 0).
		Field(wire.Map, 35).Map(wire.String, wire.Struct, 0).
		Field(wire.Struct, 36).B(emptySimple...).
		Field(wire.List, 37).List(wire.Struct, 1).B(simple9...).
		Field(wire.List, 38).List(wire.I32, 0).
		Field(wire.String, 40).Str("").Field(wire.String, 41).Str("").
		Field(wire.I64, 42).I64(0).
		Field(wire.String, 44).Str("set").
		Field(wire.I32, 46).I32(0).
		Field(wire.Map, 48).Map(wire.String, wire.I64, 0).
		Field(wire.I16, -3).I16(0).
		Field(wire.I32, 32000).I32(0).
		Stop()
	if got := encode(t, v); !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
}
