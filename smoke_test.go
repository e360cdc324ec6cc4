package frugal_test

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

func TestSmokeRoundTrip(t *testing.T) {
	for _, v := range []any{testtypes.NewSimple(), testtypes.NewNesting(), testtypes.NewNesting2()} {
		n := frugal.EncodedSize(v)
		buf := make([]byte, n)
		w, err := frugal.EncodeObject(buf, nil, v)
		if err != nil || w != n {
			t.Fatalf("%T: encode %d of %d: %v", v, w, n, err)
		}
		out := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		r, err := frugal.DecodeObject(buf, out)
		if err != nil || r != n {
			t.Fatalf("%T: decode %d of %d: %v", v, r, n, err)
		}
		if _, ok := v.(*testtypes.Nesting2); !ok && !reflect.DeepEqual(v, out) {
			t.Fatalf("%T: round trip differs", v)
		}
		t.Logf("%T %d bytes, encode allocs %.0f decode allocs %.0f", v, n,
			testing.AllocsPerRun(50, func() { frugal.EncodedSize(v); frugal.EncodeObject(buf, nil, v) }),
			testing.AllocsPerRun(50, func() { frugal.DecodeObject(buf, reflect.New(reflect.TypeOf(v).Elem()).Interface()) }))
	}
}
