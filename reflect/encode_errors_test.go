package reflect_test

import (
	"errors"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/wire"
)

func TestEncodeNilRequired(t *testing.T) {
	v := &testtypes.Everything{} // ReqStruct is nil
	d := desc(t, v)
	buf := make([]byte, codec.Size(d, ptr(v)))
	_, err := codec.Encode(buf, nil, d, ptr(v))
	var e *wire.Error
	if !errors.Is(err, wire.ErrNilRequired) || !errors.As(err, &e) || e.Path != "testtypes.Everything.ReqStruct" {
		t.Fatalf("got %v", err)
	}
}

// A value that grew between Size and Encode fails with ErrShortBuffer and
// writes nothing past the buffer it was given.
func TestEncodeValueGrew(t *testing.T) {
	grow := []struct {
		name string
		do   func(v *testtypes.Nesting)
	}{
		{"map entry", func(v *testtypes.Nesting) { v.MapStringString["new key"] = "new value" }},
		{"list element", func(v *testtypes.Nesting) { v.ListI64 = append(v.ListI64, 1) }},
		{"string", func(v *testtypes.Nesting) { v.String += "!" }},
		{"nested struct", func(v *testtypes.Nesting) { v.ListSimple[7].StringField += "!" }},
	}
	for _, g := range grow {
		v := testtypes.NewNesting()
		d := desc(t, v)
		n := codec.Size(d, ptr(v))
		g.do(v)
		backing := make([]byte, n+64)
		for i := range backing {
			backing[i] = 0xAA
		}
		_, err := codec.Encode(backing[:n], nil, d, ptr(v))
		if !errors.Is(err, wire.ErrShortBuffer) {
			t.Fatalf("%s: got %v, want ErrShortBuffer", g.name, err)
		}
		for i := n; i < len(backing); i++ {
			if backing[i] != 0xAA {
				t.Fatalf("%s: byte %d past the buffer was written", g.name, i)
			}
		}
	}
	// Every buffer shorter than the encoding fails the same way.
	v := testtypes.NewSimple()
	d := desc(t, v)
	n := codec.Size(d, ptr(v))
	for short := 0; short < n; short++ {
		if _, err := codec.Encode(make([]byte, short), nil, d, ptr(v)); !errors.Is(err, wire.ErrShortBuffer) {
			t.Fatalf("buffer of %d/%d: got %v", short, n, err)
		}
	}
}

// A pointer cycle is an error, not a stack overflow.
func TestEncodeCycle(t *testing.T) {
	v := &testtypes.Everything{ReqStruct: &testtypes.Simple{}}
	v.Next = v
	d := desc(t, v)
	buf := make([]byte, codec.Size(d, ptr(v)))
	if _, err := codec.Encode(buf, nil, d, ptr(v)); !errors.Is(err, wire.ErrDepthLimit) {
		t.Fatalf("got %v, want ErrDepthLimit", err)
	}
}
