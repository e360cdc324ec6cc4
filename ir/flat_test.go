package ir_test

import (
	"reflect"
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
	f := p.Flat()
	if f == nil {
		t.Fatal("Simple's size program is not flat")
	}
	if want := (ir.FlatSize{Base: 41 + 3 + 4 + 3 + 4, Lens: []uintptr{32, 48}}); !reflect.DeepEqual(*f, want) {
		t.Errorf("Simple: %+v, want %+v", *f, want)
	}
	for _, v := range []*testtypes.Simple{{}, testtypes.NewSimple(), {StringField: "x", BinaryField: make([]byte, 5000)}} {
		if got, want := f.Of(unsafe.Pointer(v)), rcodec.Size(p.Struct, unsafe.Pointer(v)); got != want {
			t.Errorf("size %d, the reflect codec's %d", got, want)
		}
	}
	for _, v := range []any{testtypes.Nesting{}, testtypes.Everything{}} {
		if f := lower(t, v, ir.ModeSize, ir.DefaultInlineDepth).Flat(); f != nil {
			t.Errorf("%T: flat %+v", v, *f)
		}
	}
	if lower(t, testtypes.Simple{}, ir.ModeEncode, ir.DefaultInlineDepth).Flat() != nil {
		t.Error("an encode program is flat")
	}
}
