package reflect_test

import (
	"errors"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

func TestMalformed(t *testing.T) {
	for _, c := range testtypes.Malformed(codec.MaxDepth) {
		t.Run(c.Name, func(t *testing.T) {
			err := decodeErr(t, c.Buf, new(testtypes.Everything))
			if !errors.Is(err, c.Want) {
				t.Fatalf("got %v, want %v", err, c.Want)
			}
		})
	}
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
	buf := Msg{}.Field(wire.List, 37).List(wire.Struct, 1<<31-1).Stop()
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
	buf := Msg{}.B(testtypes.RequiredFields...).Field(wire.List, 37).List(wire.Struct, 2).Stop().Field(wire.String, 5).I32(-1)
	err := decodeErr(t, buf, new(testtypes.Everything))
	var e *wire.Error
	if !errors.As(err, &e) || e.Path != "testtypes.Everything.ListInline[1].StringField" {
		t.Fatalf("error %v has path %q", err, e.Path)
	}
}
