package conformance

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/conformance/gen/baseline"
)

// TestBaselineFixed checks the baseline structs populated as baseline.thrift
// says (16-fold strings, 256-byte binaries, 8-entry lists and maps): Simple
// and PartialSimple byte for byte, Nesting and Nesting2 up to map order, and
// cross-decoding for all four.
func TestBaselineFixed(t *testing.T) {
	for seed := 0; seed < 3; seed++ {
		for _, v := range []any{
			NewBaselineSimple(seed),
			NewBaselinePartialSimple(seed),
			NewBaselineNesting(seed),
			NewBaselineNesting2(seed),
		} {
			if msg := Check(reflect.TypeOf(v).Elem(), v); msg != "" {
				t.Errorf("%T (seed %d): %s", v, seed, msg)
			}
		}
	}
}

// TestBaselineFixedRoundTrip checks that the library decodes its own
// encoding of each populated baseline value back to the original value.
func TestBaselineFixedRoundTrip(t *testing.T) {
	for _, v := range []any{NewBaselineSimple(5), NewBaselinePartialSimple(5), NewBaselineNesting(5), NewBaselineNesting2(5)} {
		b, err := LibraryEncodeSafe(v)
		if err != nil {
			t.Errorf("%T: library encode: %v", v, err)
			continue
		}
		back := NewTarget(reflect.TypeOf(v).Elem())
		if err := Protect(func() error { return LibraryDecode(b, back) }); err != nil {
			t.Errorf("%T: library decode: %v", v, err)
			continue
		}
		if d := Diff(v, back); d != "" {
			t.Errorf("%T: round trip changed the value: %s", v, d)
		}
	}
}

// TestBaselinePartialSimple decodes Simple's encoding into PartialSimple, a
// subset of its fields, so both engines skip fields 2, 4, 5 and 7.
func TestBaselinePartialSimple(t *testing.T) {
	b, err := ApacheEncode(NewBaselineSimple(7))
	if err != nil {
		t.Fatal(err)
	}
	a, l := &baseline.PartialSimple{}, &baseline.PartialSimple{}
	if err := ApacheDecode(b, a); err != nil {
		t.Fatal(err)
	}
	if d := Diff(a, NewBaselinePartialSimple(7)); d != "" {
		t.Fatalf("Apache's PartialSimple is not the expected subset: %s", d)
	}
	if err := Protect(func() error { return LibraryDecode(b, l) }); err != nil {
		t.Fatalf("library decode: %v", err)
	}
	if d := Diff(a, l); d != "" {
		t.Errorf("PartialSimple from Simple's bytes: Apache (left) and library (right) differ: %s", d)
	}
}

// LibraryEncodeSafe is LibraryEncode with panics turned into errors.
func LibraryEncodeSafe(v any) (b []byte, err error) {
	err = Protect(func() (err error) { b, err = LibraryEncode(v); return })
	return b, err
}
