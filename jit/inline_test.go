package jit

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
)

// Programs compiled with any inline depth size, encode and decode as the
// reflect codec does: shallower ones call the nested structs that deeper
// ones inline.
func TestEveryInlineDepthMatchesReflect(t *testing.T) {
	d := prepared(t, &testtypes.Everything{}).desc
	nd := prepared(t, &testtypes.Nesting2{}).desc
	for _, depth := range []int{0, 1, 2} {
		c, err := PrepareInline(d, depth)
		if err != nil {
			t.Fatal(err)
		}
		nc, err := PrepareInline(nd, depth)
		if err != nil {
			t.Fatal(err)
		}
		g := testtypes.NewRandom(int64(40 + depth))
		values := []any{testtypes.NewNesting2()}
		for range 300 {
			v := new(testtypes.Everything)
			g.Fill(v)
			v.ReqStruct = testtypes.NewSimple()
			values = append(values, v)
		}
		for i, v := range values {
			cd := c
			if _, ok := v.(*testtypes.Nesting2); ok {
				cd = nc
			}
			p := reflect.ValueOf(v).UnsafePointer()
			n := codec.Size(cd.desc, p)
			if s := cd.Size(p); s != n {
				t.Fatalf("depth %d, value %d: size %d, reflect codec %d", depth, i, s, n)
			}
			got := make([]byte, n)
			if w, err := cd.Encode(got, nil, p); err != nil || w != n {
				t.Fatalf("depth %d, value %d: wrote %d of %d bytes: %v", depth, i, w, n, err)
			}
			decodesTo(t, got, v)
			want, back := fresh(v), fresh(v)
			if _, err := codec.Decode(got, cd.desc, reflect.ValueOf(want).UnsafePointer()); err != nil {
				t.Fatal(err)
			}
			if _, err := cd.Decode(got, reflect.ValueOf(back).UnsafePointer()); err != nil || !testtypes.Equal(want, back) {
				t.Fatalf("depth %d, value %d: decodes to another value than the reflect codec's (%v): %s", depth, i, err, testtypes.Difference(want, back))
			}
		}
	}
}
