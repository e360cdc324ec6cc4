package interp

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

func TestBuildEncodeVerifies(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}, &testtypes.Everything{}} {
		for _, depth := range []int{0, 1, ir.DefaultInlineDepth} {
			f := ssa.BuildEncode(ir.Lower(descOf(t, v), ir.ModeEncode, depth))
			if err := ssa.Verify(f); err != nil {
				t.Fatalf("%T at inline depth %d: %v\n%s", v, depth, err, f)
			}
		}
	}
}

// encodeBoth encodes v with the interpreter and the reflect codec.
func encodeBoth(t *testing.T, v any) (got, want []byte) {
	t.Helper()
	d := descOf(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	n := codec.Size(d, p)
	want = make([]byte, n)
	if _, err := codec.Encode(want, nil, d, p); err != nil {
		t.Fatalf("%T: reflect codec: %v", v, err)
	}
	got = make([]byte, n)
	w, err := Encode(got, nil, d, p)
	if err != nil || w != n {
		t.Fatalf("%T: interpreter wrote %d of %d bytes: %v", v, w, n, err)
	}
	return got, want
}

// Without maps the bytes are the reflect codec's; with maps they decode to
// the same value.
func TestEncodeMatchesReflect(t *testing.T) {
	s := testtypes.NewSimple()
	if got, want := encodeBoth(t, s); !bytes.Equal(got, want) {
		t.Fatalf("Simple:\n got %x\nwant %x", got, want)
	}
	g := testtypes.NewRandom(5)
	for i := 0; i < 500; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		got, want := encodeBoth(t, v)
		if len(got) != len(want) {
			t.Fatalf("value %d: %d bytes, reflect codec %d", i, len(got), len(want))
		}
		out := new(testtypes.Everything)
		out.InitDefault()
		if _, err := codec.Decode(got, descOf(t, out), reflect.ValueOf(out).UnsafePointer()); err != nil {
			t.Fatalf("value %d: decoding the interpreter's bytes: %v", i, err)
		}
		if !testtypes.Equal(v, out) {
			t.Fatalf("value %d: the interpreter's bytes decode to another value", i)
		}
	}
	for _, v := range []any{testtypes.NewNesting(), testtypes.NewNesting2()} {
		got, _ := encodeBoth(t, v)
		out := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		if _, err := codec.Decode(got, descOf(t, out), reflect.ValueOf(out).UnsafePointer()); err != nil || !testtypes.Equal(v, out) {
			t.Fatalf("%T: %v", v, err)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	d := descOf(t, &testtypes.Everything{})
	nilReq := &testtypes.Everything{}
	_, err := Encode(make([]byte, 4096), nil, d, reflect.ValueOf(nilReq).UnsafePointer())
	var e *wire.Error
	if !errors.Is(err, wire.ErrNilRequired) || !errors.As(err, &e) || e.Path != "testtypes.Everything.ReqStruct" {
		t.Fatalf("nil required: %v", err)
	}
	cycle := &testtypes.Everything{ReqStruct: &testtypes.Simple{}}
	cycle.Next = cycle
	if _, err := Encode(make([]byte, 1<<20), nil, d, reflect.ValueOf(cycle).UnsafePointer()); !errors.Is(err, wire.ErrDepthLimit) {
		t.Fatalf("cycle: %v", err)
	}
	v := testtypes.NewNesting()
	nd := descOf(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	n := codec.Size(nd, p)
	for short := 0; short < n; short += 97 {
		backing := bytes.Repeat([]byte{0xAA}, n+16)
		if _, err := Encode(backing[:short], nil, nd, p); !errors.Is(err, wire.ErrShortBuffer) {
			t.Fatalf("buffer of %d/%d: %v", short, n, err)
		}
		if !bytes.Equal(backing[short:], bytes.Repeat([]byte{0xAA}, n+16-short)) {
			t.Fatalf("buffer of %d/%d: wrote past the end", short, n)
		}
	}
}

type recorder struct{ chunks [][]byte }

func (r *recorder) WriteDirect(b []byte, _ int) error {
	r.chunks = append(r.chunks, b)
	return nil
}

func TestEncodeNocopyWriter(t *testing.T) {
	big := bytes.Repeat([]byte{'x'}, wire.NocopyThreshold)
	v := &testtypes.Simple{StringField: "small", BinaryField: big}
	d := descOf(t, v)
	p := reflect.ValueOf(v).UnsafePointer()
	buf := make([]byte, codec.Size(d, p))
	var r recorder
	n, err := Encode(buf, &r, d, p)
	if err != nil || n != len(buf)-len(big) || len(r.chunks) != 1 || &r.chunks[0][0] != &big[0] {
		t.Fatalf("wrote %d, %d chunks: %v", n, len(r.chunks), err)
	}
}
