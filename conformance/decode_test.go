package conformance

import (
	"errors"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// decodeCase is a hand-built message, the type to decode it as, and the
// library error class expected (nil: both engines must accept it and agree).
type decodeCase struct {
	name string
	typ  reflect.Type
	b    []byte
	want error
}

var (
	scalarsT  = reflect.TypeFor[everything.Scalars]()
	defaultsT = reflect.TypeFor[everything.Defaults]()
)

var decodeCases = []decodeCase{
	// Accepted by both, with equal results.
	{"bool byte 2 (Apache: only 1 is true)", scalarsT, []byte{tBool, 0, 1, 2, tStop}, nil},
	{"bool byte 0xff", scalarsT, []byte{tBool, 0, 1, 0xff, tStop}, nil},
	{"repeated field: last wins", scalarsT, []byte{tI32, 0, 5, 0, 0, 0, 1, tI32, 0, 5, 0, 0, 0, 2, tStop}, nil},
	{"field of the wrong type is skipped", scalarsT, []byte{tString, 0, 5, 0, 0, 0, 1, 'x', tStop}, nil},
	{"unknown field ids are skipped", scalarsT, []byte{tI64, 0x7f, 0xff, 0, 0, 0, 0, 0, 0, 0, 1, tList, 0x80, 0, tString, 0, 0, 0, 1, 0, 0, 0, 0, tStop}, nil},
	{"nested struct replaces its default, not merged", defaultsT, []byte{tStruct, 0, 15, tBool, 0, 1, 1, tStop, tStop}, nil},
	{"map replaces its default, not merged", defaultsT, []byte{tMap, 0, 12, tString, tI32, 0, 0, 0, 1, 0, 0, 0, 1, 'c', 0, 0, 0, 3, tStop}, nil},
	{"repeated list: last wins", defaultsT, []byte{tList, 0, 11, tI32, 0, 0, 0, 1, 0, 0, 0, 7, tList, 0, 11, tI32, 0, 0, 0, 1, 0, 0, 0, 8, tStop}, nil},
	{"empty list replaces its default", defaultsT, []byte{tList, 0, 11, tI32, 0, 0, 0, 0, tStop}, nil},

	// Rejected by both.
	{"negative string length", scalarsT, []byte{tString, 0, 8, 0xff, 0xff, 0xff, 0xff, tStop}, frugal.ErrNegativeSize},
	{"negative binary length", scalarsT, []byte{tString, 0, 9, 0x80, 0, 0, 0, tStop}, frugal.ErrNegativeSize},
	{"negative list size", defaultsT, []byte{tList, 0, 11, tI32, 0xff, 0xff, 0xff, 0xfe, tStop}, frugal.ErrNegativeSize},
	{"negative map size", defaultsT, []byte{tMap, 0, 12, tString, tI32, 0xff, 0xff, 0xff, 0xff, tStop}, frugal.ErrNegativeSize},
	{"unknown type id", scalarsT, []byte{99, 0, 77, tStop}, frugal.ErrUnknownType},
	{"unknown type id in a skipped list", scalarsT, []byte{tList, 0, 77, 99, 0, 0, 0, 1, tStop}, frugal.ErrUnknownType},
	{"empty input", scalarsT, []byte{}, frugal.ErrTruncated},
	{"truncated i32", scalarsT, []byte{tI32, 0, 5, 0, 0}, frugal.ErrTruncated},
	{"missing STOP", scalarsT, []byte{tI32, 0, 5, 0, 0, 0, 1}, frugal.ErrTruncated},
	{"string longer than the input", scalarsT, []byte{tString, 0, 8, 0, 0, 3, 0xe8, 'a', tStop}, frugal.ErrTruncated},
	{"list longer than the input", defaultsT, []byte{tList, 0, 11, tI32, 0, 0, 3, 0xe8, 0, 0, 0, 1, tStop}, frugal.ErrTruncated},
}

// TestHandBuiltMessages decodes hand-built messages with both engines: both
// must accept and agree, or both reject, the library with the expected
// error class.
func TestHandBuiltMessages(t *testing.T) {
	for _, c := range decodeCases {
		a, l := NewTarget(c.typ), NewTarget(c.typ)
		aerr := ApacheDecode(c.b, a.(ApacheStruct))
		lerr := Protect(func() error { return LibraryDecode(c.b, l) })
		if c.want == nil {
			if aerr != nil || lerr != nil {
				t.Errorf("%s (% x): Apache error %v, library error %v; want both to accept", c.name, c.b, aerr, lerr)
			} else if d := Diff(a, l); d != "" {
				t.Errorf("%s (% x): Apache (left) and library (right) differ: %s", c.name, c.b, d)
			}
			continue
		}
		if aerr == nil {
			t.Errorf("%s (% x): Apache accepts it", c.name, c.b)
		}
		if !errors.Is(lerr, c.want) {
			t.Errorf("%s (% x): library error %v, want %v", c.name, c.b, lerr, c.want)
		}
	}
}

// TestHugeCounts checks that the library rejects counts and lengths far
// beyond the input as truncated (without allocating for them). Apache is not
// run: it would allocate the full count up front.
func TestHugeCounts(t *testing.T) {
	for name, b := range map[string][]byte{
		"list of 2^31-1 i64":    {tList, 0, 11, tI64, 0x7f, 0xff, 0xff, 0xff, tStop},
		"map of 2^31-1":         {tMap, 0, 12, tString, tI32, 0x7f, 0xff, 0xff, 0xff, tStop},
		"string of 2^31-1":      {tString, 0, 8, 0x7f, 0xff, 0xff, 0xff, tStop},
		"skipped set of 2^31-1": {tSet, 0x10, 0, tI64, 0x7f, 0xff, 0xff, 0xff, tStop},
	} {
		typ := defaultsT
		err := Protect(func() error { return LibraryDecode(b, NewTarget(typ)) })
		if !errors.Is(err, frugal.ErrTruncated) {
			t.Errorf("%s: library error %v, want ErrTruncated", name, err)
		}
	}
}

// TestTruncatedMessages cuts random encodings of every type short at many
// points: Apache and the library must reject every cut, the library with
// ErrTruncated.
func TestTruncatedMessages(t *testing.T) {
	for ti, typ := range Types {
		for i := 0; i < 8; i++ {
			b, err := ApacheEncode(NewGen(valueSeed(ti, i)).Struct(typ).(ApacheStruct))
			if err != nil {
				t.Fatal(err)
			}
			step := max(1, len(b)/150)
			for cut := 0; cut < len(b); cut += step {
				p := b[:cut]
				if err := ApacheDecode(p, NewTarget(typ).(ApacheStruct)); err == nil {
					t.Fatalf("%s value %d cut at %d of %d: Apache accepts it", typ, i, cut, len(b))
				}
				err := Protect(func() error { return LibraryDecode(p, NewTarget(typ)) })
				if !errors.Is(err, frugal.ErrTruncated) {
					t.Errorf("%s value %d (seed %d) cut at %d of %d: library error %v, want ErrTruncated", typ, i, valueSeed(ti, i), cut, len(b), err)
					break
				}
			}
		}
	}
}
