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
	want := msg{}.
		field(wire.Byte, 1).b(0xff).
		field(wire.I64, 2).i64(1<<40).
		field(wire.Double, 3).f64(0.5).
		field(wire.I32, 4).i32(-2).
		field(wire.String, 5).str("ab").
		field(wire.String, 6).str("\x01\x02\x03").
		field(wire.I32, 7).i32(2).
		stop()
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
	emptySimple := msg{}.
		field(wire.Byte, 1).b(0).field(wire.I64, 2).i64(0).field(wire.Double, 3).f64(0).
		field(wire.I32, 4).i32(0).field(wire.String, 5).str("").field(wire.String, 6).str("").
		field(wire.I32, 7).i32(0).stop()
	simple9 := msg{}.
		field(wire.Byte, 1).b(0).field(wire.I64, 2).i64(0).field(wire.Double, 3).f64(0).
		field(wire.I32, 4).i32(9).field(wire.String, 5).str("").field(wire.String, 6).str("").
		field(wire.I32, 7).i32(0).stop()
	want := msg{}.
		field(wire.Bool, 1).b(0).field(wire.Byte, 2).b(0).field(wire.I16, 3).i16(0).
		field(wire.I32, 4).i32(0).field(wire.I64, 5).i64(0).field(wire.Double, 6).f64(0).
		field(wire.String, 7).str("").field(wire.String, 8).str("").
		field(wire.I32, 9).i32(0).field(wire.I32, 10).i32(0).
		field(wire.Struct, 17).b(emptySimple...).
		field(wire.I64, 18).i64(0).
		field(wire.List, 19).list(wire.Bool, 2).b(1, 0).
		field(wire.List, 20).list(wire.I16, 0).
		field(wire.List, 21).list(wire.Double, 0).
		field(wire.List, 22).list(wire.String, 0).
		field(wire.List, 23).list(wire.I32, 0).
		field(wire.Set, 24).list(wire.I64, 0).
		field(wire.Set, 25).list(wire.String, 0).
		field(wire.List, 26).list(wire.List, 2).list(wire.I32, 1).i32(7).list(wire.I32, 0).
		field(wire.List, 27).list(wire.Map, 0).
		field(wire.Map, 28).mapHdr(wire.I32, wire.Set, 1).i32(5).list(wire.String, 1).str("x").
		field(wire.Map, 29).mapHdr(wire.Struct, wire.Struct, 0).
		field(wire.Map, 30).mapHdr(wire.I32, wire.Double, 0).
		field(wire.Map, 31).mapHdr(wire.Double, wire.String, 0).
		field(wire.Map, 32).mapHdr(wire.Bool, wire.Byte, 0).
		field(wire.Map, 33).mapHdr(wire.String, wire.List, 0).
		field(wire.Map, 34).mapHdr(wire.I16, wire.Map, 0).
		field(wire.Map, 35).mapHdr(wire.String, wire.Struct, 0).
		field(wire.Struct, 36).b(emptySimple...).
		field(wire.List, 37).list(wire.Struct, 1).b(simple9...).
		field(wire.List, 38).list(wire.I32, 0).
		field(wire.String, 40).str("").field(wire.String, 41).str("").
		field(wire.I64, 42).i64(0).
		field(wire.String, 44).str("set").
		field(wire.I32, 46).i32(0).
		field(wire.Map, 48).mapHdr(wire.String, wire.I64, 0).
		field(wire.I16, -3).i16(0).
		field(wire.I32, 32000).i32(0).
		stop()
	if got := encode(t, v); !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
}
