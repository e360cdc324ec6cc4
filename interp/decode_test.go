package interp

import (
	"errors"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

func TestBuildDecodeVerifies(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}, &testtypes.Everything{}} {
		for _, depth := range []int{0, 1, ir.DefaultInlineDepth} {
			f, err := ssa.BuildDecode(ir.Lower(descOf(t, v), ir.ModeDecode, depth))
			if err != nil {
				t.Fatal(err)
			}
			if err := ssa.Verify(f); err != nil {
				t.Fatalf("%T at inline depth %d: %v\n%s", v, depth, err, f)
			}
		}
	}
}

func reflectEncode(t *testing.T, v any) []byte {
	t.Helper()
	d := descOf(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	buf := make([]byte, codec.Size(d, p))
	if _, err := codec.Encode(buf, nil, d, p); err != nil {
		t.Fatal(err)
	}
	return buf
}

// decodeBoth decodes buf with both engines into fresh values of v's type
// and checks they agree: the same error class, or equal values and the
// same length read.
func decodeBoth(t *testing.T, buf []byte, v any, what string) {
	t.Helper()
	d := descOf(t, v)
	fresh := func() any {
		out := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		if i, ok := out.(interface{ InitDefault() }); ok {
			i.InitDefault()
		}
		return out
	}
	want, got := fresh(), fresh()
	wn, werr := codec.Decode(buf, d, reflect.ValueOf(want).UnsafePointer())
	gn, gerr := Decode(buf, d, reflect.ValueOf(got).UnsafePointer())
	if testtypes.ErrorClass(werr) != testtypes.ErrorClass(gerr) {
		t.Fatalf("%s: interpreter %v, reflect codec %v", what, gerr, werr)
	}
	if werr == nil && (wn != gn || !testtypes.Equal(want, got)) {
		t.Fatalf("%s: interpreter read %d bytes into another value than the reflect codec (%d): %s\ninput %x",
			what, gn, wn, testtypes.Difference(want, got), buf)
	}
}

func TestDecodeMatchesReflect(t *testing.T) {
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		decodeBoth(t, reflectEncode(t, v), v, reflect.TypeOf(v).String())
	}
	decodeBoth(t, reflectEncode(t, testtypes.NewSimple()), &testtypes.PartialSimple{}, "Simple as PartialSimple")
	g := testtypes.NewRandom(9)
	for i := 0; i < 300; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		decodeBoth(t, reflectEncode(t, v), v, "random Everything")
	}
}

// Corrupted input: every truncation and thousands of mutations give the
// same outcome in both engines.
func TestDecodeMalformedMatchesReflect(t *testing.T) {
	g := testtypes.NewRandom(12)
	var msgs [][]byte
	for i := 0; i < 8; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		msgs = append(msgs, reflectEncode(t, v))
	}
	target := &testtypes.Everything{}
	testtypes.Corruptions(msgs, 11, 150, func(b []byte, what string) { decodeBoth(t, b, target, what) })
	// Hostile counts and deep nesting.
	huge := []byte{byte(wire.List), 0, 37, byte(wire.Struct), 0x7f, 0xff, 0xff, 0xff, 0}
	decodeBoth(t, huge, target, "2^31-1 structs")
	deep := []byte{}
	for i := 0; i < 1100; i++ {
		deep = append(deep, byte(wire.I64), 0, 18, 0, 0, 0, 0, 0, 0, 0, 0, byte(wire.Struct), 0, 17, 0, byte(wire.Struct), 0, 45)
	}
	decodeBoth(t, deep, target, "deep recursion")
}

// The foundation's malformed-input table: each entry fails in the
// interpreter with the class the reflect codec gives.
func TestMalformedTable(t *testing.T) {
	for _, c := range testtypes.Malformed(MaxDepth) {
		out := new(testtypes.Everything)
		_, err := Decode(c.Buf, descOf(t, out), reflect.ValueOf(out).UnsafePointer())
		if !errors.Is(err, c.Want) {
			t.Errorf("%s: got %v, want %v", c.Name, err, c.Want)
		}
	}
}
