package ir_test

import (
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	rcodec "github.com/frugaljit/frugal/reflect"
)

// A size program that only adds constants and lengths is flat, and its sum
// is the reflect codec's size; one with optional fields, pointers or
// containers is not.
func TestFlat(t *testing.T) {
	p := lower(t, testtypes.Simple{}, ir.ModeSize, ir.DefaultInlineDepth)
	f, ok := p.Flat()
	if !ok {
		t.Fatal("Simple's size program is not flat")
	}
	if want := (ir.FlatSize{Base: 41 + 3 + 4 + 3 + 4, N: 2, Lens: [ir.MaxFlatLens]uintptr{32, 48}}); f != want {
		t.Errorf("Simple: %+v, want %+v", f, want)
	}
	for _, v := range []*testtypes.Simple{{}, testtypes.NewSimple(), {StringField: "x", BinaryField: make([]byte, 5000)}} {
		if got, want := f.Of(unsafe.Pointer(v)), rcodec.Size(p.Struct, unsafe.Pointer(v)); got != want {
			t.Errorf("size %d, the reflect codec's %d", got, want)
		}
	}
	for _, v := range []any{testtypes.Nesting{}, testtypes.Everything{}} {
		if f, ok := lower(t, v, ir.ModeSize, ir.DefaultInlineDepth).Flat(); ok {
			t.Errorf("%T: flat %+v", v, f)
		}
	}
	type strings struct {
		A string `frugal:"1,default,string"`
		B string `frugal:"2,default,string"`
		C string `frugal:"3,default,string"`
		D string `frugal:"4,default,string"`
		E string `frugal:"5,default,string"`
		F string `frugal:"6,default,string"`
		G string `frugal:"7,default,string"`
	}
	type six struct {
		A string `frugal:"1,default,string"`
		B string `frugal:"2,default,string"`
		C string `frugal:"3,default,string"`
		D string `frugal:"4,default,string"`
		E string `frugal:"5,default,string"`
		F string `frugal:"6,default,string"`
	}
	if f, ok := lower(t, six{}, ir.ModeSize, ir.DefaultInlineDepth).Flat(); !ok || f.N != ir.MaxFlatLens {
		t.Errorf("%d strings: flat %v, %+v", ir.MaxFlatLens, ok, f)
	}
	if f, ok := lower(t, strings{}, ir.ModeSize, ir.DefaultInlineDepth).Flat(); ok {
		t.Errorf("%d strings: flat %+v, the most is %d", f.N, f, ir.MaxFlatLens)
	}
	if _, ok := lower(t, testtypes.Simple{}, ir.ModeEncode, ir.DefaultInlineDepth).Flat(); ok {
		t.Error("an encode program is flat")
	}
}
