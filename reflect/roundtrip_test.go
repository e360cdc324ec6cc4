package reflect_test

import (
	"bytes"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
)

// Random values of every kind survive encode and decode, and re-encoding the
// decoded value gives the same size (and, without maps, the same bytes).
func TestRoundTripRandom(t *testing.T) {
	g := testtypes.NewRandom(1)
	for i := 0; i < 2000; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		if v.ReqStruct == nil {
			v.ReqStruct = &testtypes.Simple{}
		}
		buf := encode(t, v)
		out := new(testtypes.Everything)
		out.InitDefault()
		decode(t, buf, out)
		if !testtypes.Equal(v, out) {
			t.Fatalf("value %d differs after a round trip:\n in %+v\nout %+v", i, v, out)
		}
		again := encode(t, out)
		if len(again) != len(buf) {
			t.Fatalf("value %d: re-encoding gives %d bytes, first encoding %d", i, len(again), len(buf))
		}
	}
}

func TestRoundTripBaseline(t *testing.T) {
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		buf := encode(t, v)
		out := newLike(v)
		decode(t, buf, out)
		if !testtypes.Equal(v, out) {
			t.Fatalf("%T differs after a round trip", v)
		}
	}
	// Without maps the bytes are deterministic: encoding the decoded value
	// gives the same bytes.
	s := testtypes.NewSimple()
	buf := encode(t, s)
	out := new(testtypes.Simple)
	decode(t, buf, out)
	if !bytes.Equal(encode(t, out), buf) {
		t.Fatal("re-encoding Simple changed its bytes")
	}
}

func TestRecursiveType(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: &testtypes.Simple{}, I32: 1}
	cur := v
	for i := 0; i < 50; i++ {
		cur.Next = &testtypes.Everything{ReqStruct: &testtypes.Simple{I32Field: int32(i)}, I32: int32(i + 2)}
		cur = cur.Next
	}
	out := new(testtypes.Everything)
	decode(t, encode(t, v), out)
	n := 0
	for p := out; p.Next != nil; p = p.Next {
		n++
	}
	if n != 50 || out.Next.Next.I32 != 3 {
		t.Fatalf("decoded chain of %d, want 50", n)
	}
}
