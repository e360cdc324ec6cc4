package reflect_test

import (
	"errors"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

// required holds Everything's required fields, to append to hand-built
// messages that should fail for another reason.
var required = msg{}.field(wire.I64, 18).i64(0).field(wire.Struct, 17).stop()

// nest returns n levels of list<list<...>> with one element each, ending in
// an empty list.
func nest(n int) msg {
	var m msg
	for i := 0; i < n; i++ {
		m = m.list(wire.List, 1)
	}
	return m.list(wire.I32, 0)
}

func TestMalformed(t *testing.T) {
	cases := []struct {
		name string
		buf  msg
		want error
	}{
		{"empty input", msg{}, wire.ErrTruncated},
		{"no stop byte", required, wire.ErrTruncated},
		{"field header cut", msg{}.b(byte(wire.I32), 0), wire.ErrTruncated},
		{"i32 cut", msg{}.field(wire.I32, 4).b(0, 0), wire.ErrTruncated},
		{"negative string length", msg{}.field(wire.String, 7).i32(-1), wire.ErrNegativeSize},
		{"string length past the end", msg{}.field(wire.String, 7).i32(1 << 30).b('a'), wire.ErrTruncated},
		{"binary length past the end", msg{}.field(wire.String, 8).i32(5).b(1, 2), wire.ErrTruncated},
		{"negative list count", msg{}.field(wire.List, 19).list(wire.Bool, -5), wire.ErrNegativeSize},
		{"list of 2^31-1 in a few bytes", msg{}.field(wire.List, 19).list(wire.Bool, 1<<31-1).b(1), wire.ErrTruncated},
		{"list of 2^31-1 structs", msg{}.field(wire.List, 37).list(wire.Struct, 1<<31-1).stop(), wire.ErrTruncated},
		{"negative map count", msg{}.field(wire.Map, 28).mapHdr(wire.I32, wire.Set, -1), wire.ErrNegativeSize},
		{"map of 2^31-1 entries", msg{}.field(wire.Map, 31).mapHdr(wire.Double, wire.String, 1<<31-1).f64(1).str(""), wire.ErrTruncated},
		{"list element type mismatch", msg{}.field(wire.List, 20).list(wire.I32, 1).i32(1), wire.ErrTypeMismatch},
		{"map key type mismatch", msg{}.field(wire.Map, 28).mapHdr(wire.I64, wire.Set, 1).i64(1).list(wire.String, 0), wire.ErrTypeMismatch},
		{"map value type mismatch", msg{}.field(wire.Map, 30).mapHdr(wire.I32, wire.I64, 1).i32(1).i64(1), wire.ErrTypeMismatch},
		{"unknown field type id", msg{}.field(wire.Type(1), 200).b(0), wire.ErrUnknownType},
		{"unknown type id 16", msg{}.field(wire.Type(16), 200).b(0), wire.ErrUnknownType},
		{"unknown element type in skipped list", msg{}.field(wire.List, 200).list(wire.Type(9), 1).b(0), wire.ErrUnknownType},
		{"unknown key type in skipped map", msg{}.field(wire.Map, 200).mapHdr(wire.Type(5), wire.I32, 1).b(0, 0, 0, 0, 0), wire.ErrUnknownType},
		{"negative length in skipped string", msg{}.field(wire.String, 200).i32(-9), wire.ErrNegativeSize},
		{"skipped list count past the end", msg{}.field(wire.List, 200).list(wire.I64, 1000).i64(1), wire.ErrTruncated},
		{"skipped struct cut", msg{}.field(wire.Struct, 200).field(wire.I32, 1).i32(1), wire.ErrTruncated},
		{"skipped nesting too deep", msg{}.field(wire.List, 200).b(nest(codec.MaxDepth + 5)...), wire.ErrDepthLimit},
		{"decoded nesting too deep", deepChain(codec.MaxDepth + 5), wire.ErrDepthLimit},
		{"missing required i64", msg{}.field(wire.Struct, 17).stop().stop(), wire.ErrMissingRequired},
		{"missing required struct", msg{}.field(wire.I64, 18).i64(1).stop(), wire.ErrMissingRequired},
		{"required field with the wrong type", msg{}.field(wire.I32, 18).i32(1).field(wire.Struct, 17).stop().stop(), wire.ErrMissingRequired},
		{"missing required in a nested struct", msg{}.b(required...).field(wire.Struct, 45).stop().stop(), wire.ErrMissingRequired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := decodeErr(t, c.buf, new(testtypes.Everything))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

// deepChain nests Everything.Next n deep.
func deepChain(n int) msg {
	var m msg
	for i := 0; i < n; i++ {
		m = m.b(required...).field(wire.Struct, 45)
	}
	m = m.b(required...)
	for i := 0; i <= n; i++ {
		m = m.stop()
	}
	return m
}

// Every strict prefix of a valid message is ErrTruncated, never a panic or
// a success.
func TestEveryTruncation(t *testing.T) {
	g := testtypes.NewRandom(7)
	var values []any
	for i := 0; i < 20; i++ {
		v := &testtypes.Everything{}
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		values = append(values, v)
	}
	values = append(values, testtypes.NewSimple(), testtypes.NewNesting())
	for _, v := range values {
		buf := encode(t, v)
		for n := 0; n < len(buf); n++ {
			err := decodeErr(t, buf[:n:n], newLike(v))
			if !errors.Is(err, wire.ErrTruncated) {
				t.Fatalf("%T cut to %d of %d bytes: got %v, want ErrTruncated", v, n, len(buf), err)
			}
		}
	}
}

// A count larger than the remaining bytes is refused before anything is
// allocated for it.
func TestHugeCountAllocatesNothing(t *testing.T) {
	buf := msg{}.field(wire.List, 37).list(wire.Struct, 1<<31-1).stop()
	out := new(testtypes.Everything)
	d := desc(t, out)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 100; i++ {
		if _, err := codec.Decode(buf, d, ptr(out)); !errors.Is(err, wire.ErrTruncated) {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if perCall := (after.TotalAlloc - before.TotalAlloc) / 100; perCall > 512 {
		t.Fatalf("a refused count allocated %d bytes per call", perCall)
	}
}

// Errors name where they happened.
func TestErrorPath(t *testing.T) {
	buf := msg{}.b(required...).field(wire.List, 37).list(wire.Struct, 2).stop().field(wire.String, 5).i32(-1)
	err := decodeErr(t, buf, new(testtypes.Everything))
	var e *wire.Error
	if !errors.As(err, &e) || e.Path != "testtypes.Everything.ListInline[1].StringField" {
		t.Fatalf("error %v has path %q", err, e.Path)
	}
}
