package frugal_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
)

// Three levels of structs, in fields and in lists, without maps (whose
// order would keep the bytes of two encodings from comparing).
type (
	inlineLeaf struct {
		A int32  `frugal:"1,default,i32"`
		S string `frugal:"2,default,string"`
	}
	inlineMid struct {
		L  *inlineLeaf   `frugal:"1,default,inlineLeaf"`
		Ls []*inlineLeaf `frugal:"2,default,list<inlineLeaf>"`
	}
	inlineTop struct {
		M  *inlineMid   `frugal:"1,default,inlineMid"`
		Ms []*inlineMid `frugal:"2,default,list<inlineMid>"`
		N  int64        `frugal:"3,default,i64"`
	}
	// inlineTop again, a type of its own for each engine and depth tried:
	// options given to Pretouch belong to a type.
	inlineTopReflect inlineTop
	inlineTopNone    inlineTop
	inlineTopShared  inlineTop
)

func newInlineTop() *inlineTop {
	leaf := func(i int) *inlineLeaf { return &inlineLeaf{A: int32(i), S: "leaf"} }
	mid := func(i int) *inlineMid { return &inlineMid{L: leaf(i), Ls: []*inlineLeaf{leaf(i + 1), leaf(i + 2)}} }
	return &inlineTop{M: mid(0), Ms: []*inlineMid{mid(10), mid(20)}, N: 1 << 40}
}

// WithMaxInlineDepth and SetMaxInlineDepth reach the compiler: a codec that
// inlines nothing has less code of its own than one that inlines every
// level, and each encodes and decodes as the reflect codec does.
func TestMaxInlineDepthReachesTheCompiler(t *testing.T) {
	if !jitHere {
		t.Skip("this platform runs no generated code")
	}
	oracle := (*inlineTopReflect)(newInlineTop())
	if err := frugal.Pretouch(oracle, frugal.WithEngine(frugal.EngineReflect)); err != nil {
		t.Fatal(err)
	}
	want := make([]byte, frugal.EncodedSize(oracle))
	if _, err := frugal.EncodeObject(want, nil, oracle); err != nil {
		t.Fatal(err)
	}

	none := (*inlineTopNone)(newInlineTop())
	if err := frugal.Pretouch(none, frugal.WithEngine(frugal.EngineJIT), frugal.WithMaxInlineDepth(0)); err != nil {
		t.Fatal(err)
	}
	all := newInlineTop()
	if err := frugal.Pretouch(all, frugal.WithEngine(frugal.EngineJIT), frugal.WithMaxInlineDepth(5)); err != nil {
		t.Fatal(err)
	}
	if n, a := frugal.JITCodeBytes(none), frugal.JITCodeBytes(all); n <= 0 || a <= n {
		t.Fatalf("code bytes inlining nothing %d, inlining every level %d: want fewer, and some", n, a)
	}

	// SetMaxInlineDepth is the default of codecs built later.
	old := frugal.SetMaxInlineDepth(0)
	defer frugal.SetMaxInlineDepth(old)
	shared := (*inlineTopShared)(newInlineTop())
	if err := frugal.Pretouch(shared, frugal.WithEngine(frugal.EngineJIT)); err != nil {
		t.Fatal(err)
	}
	if s, n := frugal.JITCodeBytes(shared), frugal.JITCodeBytes(none); s != n {
		t.Fatalf("code bytes after SetMaxInlineDepth(0) %d, with WithMaxInlineDepth(0) %d", s, n)
	}

	for _, v := range []any{none, all, shared} {
		got := make([]byte, frugal.EncodedSize(v))
		if _, err := frugal.EncodeObject(got, nil, v); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%T encodes to %x (%v), want %x", v, got, err, want)
		}
		back := reflect.New(reflect.TypeOf(v).Elem())
		if _, err := frugal.DecodeObject(got, back.Interface()); err != nil || !reflect.DeepEqual(back.Interface(), v) {
			t.Fatalf("%T decodes to %+v (%v)", v, back.Elem().Interface(), err)
		}
	}
}
