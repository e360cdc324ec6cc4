package ir_test

import (
	"reflect"
	"strconv"
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
	// Up to MaxFlatLens strings a program is flat; one more, it is not.
	for n := ir.MaxFlatLens; n <= ir.MaxFlatLens+1; n++ {
		f, ok := lower(t, stringsStruct(n), ir.ModeSize, ir.DefaultInlineDepth).Flat()
		if want := n <= ir.MaxFlatLens; ok != want || ok && f.N != n {
			t.Errorf("%d strings: flat %v (%+v), want %v", n, ok, f, want)
		}
	}
	if _, ok := lower(t, testtypes.Simple{}, ir.ModeEncode, ir.DefaultInlineDepth).Flat(); ok {
		t.Error("an encode program is flat")
	}
}

// stringsStruct returns a zero struct of n default string fields.
func stringsStruct(n int) any {
	fields := make([]reflect.StructField, n)
	for i := range fields {
		fields[i] = reflect.StructField{Name: "S" + strconv.Itoa(i), Type: reflect.TypeFor[string](),
			Tag: reflect.StructTag(`frugal:"` + strconv.Itoa(i+1) + `,default,string"`)}
	}
	return reflect.New(reflect.StructOf(fields)).Elem().Interface()
}
