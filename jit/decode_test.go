package jit

import (
	"errors"
	"reflect"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

// fresh returns a new value of v's type, with its defaults.
func fresh(v any) any {
	out := reflect.New(reflect.TypeOf(v).Elem()).Interface()
	if i, ok := out.(interface{ InitDefault() }); ok {
		i.InitDefault()
	}
	return out
}

// reflectEncode returns v's bytes by the reflect codec.
func reflectEncode(t *testing.T, v any) []byte {
	t.Helper()
	c := prepared(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	buf := make([]byte, codec.Size(c.desc, p))
	if _, err := codec.Encode(buf, nil, c.desc, p); err != nil {
		t.Fatal(err)
	}
	return buf
}

// decodeBoth decodes buf into fresh values of v's type with the compiled
// code and the reflect codec and checks they agree: the same error class,
// or equal values and the same length read. It returns the compiled
// code's value.
func decodeBoth(t *testing.T, buf []byte, v any, what string) any {
	t.Helper()
	c := prepared(t, v)
	want, got := fresh(v), fresh(v)
	wn, werr := codec.Decode(buf, c.desc, reflect.ValueOf(want).UnsafePointer())
	gn, gerr := c.Decode(buf, reflect.ValueOf(got).UnsafePointer())
	if testtypes.ErrorClass(werr) != testtypes.ErrorClass(gerr) {
		t.Fatalf("%s: compiled code %v, reflect codec %v\ninput %x", what, gerr, werr, buf)
	}
	if werr == nil && (wn != gn || !testtypes.Equal(want, got)) {
		t.Fatalf("%s: compiled code read %d bytes into another value than the reflect codec (%d): %s\ninput %x",
			what, gn, wn, testtypes.Difference(want, got), buf)
	}
	return got
}

func TestDecodeMatchesReflect(t *testing.T) {
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		decodeBoth(t, reflectEncode(t, v), v, reflect.TypeOf(v).String())
	}
	decodeBoth(t, reflectEncode(t, testtypes.NewSimple()), &testtypes.PartialSimple{}, "Simple as PartialSimple")
	g := testtypes.NewRandom(9)
	for i := 0; i < 2000; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		if got := decodeBoth(t, reflectEncode(t, v), v, "random Everything"); !testtypes.Equal(v, got) {
			t.Fatalf("value %d does not survive encode and decode: %s", i, testtypes.Difference(v, got))
		}
	}
	for i := 0; i < 200; i++ {
		for _, v := range []any{new(testtypes.Simple), new(testtypes.PartialSimple)} {
			g.Fill(v)
			decodeBoth(t, reflectEncode(t, v), v, reflect.TypeOf(v).String())
		}
	}
}

// Decoding into a value that already holds data replaces its pointers
// (strings, slices, maps, structs) as the reflect codec does.
func TestDecodeOverExistingValue(t *testing.T) {
	g := testtypes.NewRandom(21)
	prepared(t, &testtypes.Everything{})
	for i := 0; i < 300; i++ {
		src, old := new(testtypes.Everything), new(testtypes.Everything)
		g.Fill(src)
		g.Fill(old)
		src.ReqStruct, old.ReqStruct = testtypes.NewSimple(), testtypes.NewSimple()
		buf := reflectEncode(t, src)
		want, got := new(testtypes.Everything), new(testtypes.Everything)
		g2 := *old
		*want, *got = *old, g2
		c := prepared(t, got)
		if _, err := codec.Decode(buf, c.desc, reflect.ValueOf(want).UnsafePointer()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Decode(buf, reflect.ValueOf(got).UnsafePointer()); err != nil {
			t.Fatal(err)
		}
		if !testtypes.Equal(want, got) {
			t.Fatalf("value %d: %s", i, testtypes.Difference(want, got))
		}
	}
}

// Corrupted input: every truncation and thousands of mutations give the
// reflect codec's outcome; generated code never faults.
func TestDecodeMalformedMatchesReflect(t *testing.T) {
	msgs := [][]byte{reflectEncode(t, testtypes.NewNesting())}
	g := testtypes.NewRandom(4)
	for i := 0; i < 30; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		msgs = append(msgs, reflectEncode(t, v))
	}
	target := &testtypes.Everything{}
	testtypes.Corruptions(msgs, 3, 150, func(b []byte, what string) { decodeBoth(t, b, target, what) })
}

// The foundation's malformed-input table: each entry fails with the class
// the reflect codec gives.
func TestDecodeMalformedTable(t *testing.T) {
	c := prepared(t, &testtypes.Everything{})
	for _, m := range testtypes.Malformed(MaxDepth) {
		out := new(testtypes.Everything)
		if _, err := c.Decode(m.Buf, reflect.ValueOf(out).UnsafePointer()); !errors.Is(err, m.Want) {
			t.Errorf("%s: got %v, want %v", m.Name, err, m.Want)
		}
	}
}

// A list declaring 2^31-1 elements in a few bytes is refused before
// anything is allocated: it costs what a short list cut off costs (the
// error), in objects and in bytes.
func TestDecodeHugeCountAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race runtime allocates behind sync.Pool")
	}
	c := prepared(t, &testtypes.Everything{})
	out := new(testtypes.Everything)
	p := reflect.ValueOf(out).UnsafePointer()
	cost := func(m testtypes.Msg) (objects float64, bytes uint64) {
		if _, err := c.Decode(m, p); !errors.Is(err, wire.ErrTruncated) {
			t.Fatalf("%x: %v, want %v", []byte(m), err, wire.ErrTruncated)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		objects = testing.AllocsPerRun(100, func() { c.Decode(m, p) })
		runtime.ReadMemStats(&after)
		return objects, (after.TotalAlloc - before.TotalAlloc) / 101
	}
	baseObjects, baseBytes := cost(testtypes.Msg{}.Field(wire.List, 19).List(wire.Bool, 5).B(1))
	for _, m := range []testtypes.Msg{
		testtypes.Msg{}.Field(wire.List, 19).List(wire.Bool, 1<<31-1).B(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1),
		testtypes.Msg{}.Field(wire.List, 37).List(wire.Struct, 1<<31-1).Stop(),
		testtypes.Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 1<<31-1).F64(1).Str(""),
	} {
		if objects, bytes := cost(m); objects > baseObjects || bytes > baseBytes+64 {
			t.Errorf("%x: %v allocations of %d bytes per decode; a short list cut off costs %v of %d",
				[]byte(m), objects, bytes, baseObjects, baseBytes)
		}
	}
}

// Decoding allocates the value's own memory and little else: string bytes
// and scalar lists come from shared chunks, structs in containers in one
// batch each, map scratch is used again. The bounds are today's counts
// (Simple: the struct, and a chunk now and then; Nesting: its maps, lists
// and structs), so that a change that adds allocations shows.
func TestDecodeAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race runtime allocates behind sync.Pool")
	}
	for _, c := range []struct {
		v   any
		max float64
	}{{testtypes.NewSimple(), 2}, {testtypes.NewNesting(), 23}} {
		cd := prepared(t, c.v)
		buf := reflectEncode(t, c.v)
		n := testing.AllocsPerRun(200, func() {
			out := fresh(c.v)
			if _, err := cd.Decode(buf, reflect.ValueOf(out).UnsafePointer()); err != nil {
				t.Fatal(err)
			}
		})
		if n > c.max {
			t.Errorf("%T: %v allocations per decode, want at most %v", c.v, n, c.max)
		}
	}
}
