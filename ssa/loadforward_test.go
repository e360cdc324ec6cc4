package ssa

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/ir"
)

type withDefault struct {
	A int32 `frugal:"1,optional,i32"`
}

func (p *withDefault) InitDefault() { p.A = 5 }

// An optional field with a default is loaded to compare it with the
// default and again to write it, with the header's stores in between; the
// second load skips those stores (they write the output) and CSE shares it.
func TestLoadForward(t *testing.T) {
	d, err := ir.Resolve(reflect.TypeOf(&withDefault{}))
	if err != nil {
		t.Fatal(err)
	}
	count := func(f *Func) (n int) {
		for _, b := range f.Blocks {
			for _, v := range b.Values {
				if v.Op == OpLoad && v.Type == TypeI32 {
					n++
				}
			}
		}
		return n
	}
	f := BuildEncode(ir.Lower(d, ir.ModeEncode, ir.DefaultInlineDepth))
	if n := count(f); n != 3 { // the field, its default, the field again
		t.Fatalf("%d i32 loads before the passes, want 3", n)
	}
	if err := Optimize(f, true); err != nil {
		t.Fatal(err)
	}
	if n := count(f); n != 2 {
		t.Fatalf("%d i32 loads after the passes, want 2:\n%s", n, f)
	}
}
