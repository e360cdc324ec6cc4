package conformance

import (
	"errors"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/baseline"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// crossPairs are (writer, reader) type pairs whose schemas share field ids
// with the same or with different field types, but never a container field
// whose element types differ (Apache ignores the element type ids on the
// wire and would read such fields as garbage rather than skip them).
var crossPairs = [][2]reflect.Type{
	{typeOf[baseline.Simple](), typeOf[baseline.PartialSimple]()},
	{typeOf[baseline.PartialSimple](), typeOf[baseline.Simple]()},
	{typeOf[baseline.Nesting](), typeOf[baseline.Simple]()},
	{typeOf[baseline.Nesting2](), typeOf[baseline.Simple]()},
	{typeOf[everything.Optional](), typeOf[everything.Scalars]()},
	{typeOf[everything.Scalars](), typeOf[everything.Optional]()},
	{typeOf[everything.Optional](), typeOf[everything.Required]()},
	{typeOf[everything.Required](), typeOf[everything.Optional]()},
	{typeOf[everything.Scalars](), typeOf[everything.Defaults]()},
	{typeOf[everything.Defaults](), typeOf[everything.Scalars]()},
	{typeOf[everything.Mixed](), typeOf[everything.Holder]()},
	{typeOf[everything.Tree](), typeOf[everything.ListNode]()},
	{typeOf[everything.ListNode](), typeOf[everything.Tree]()},
	{typeOf[everything.MutualA](), typeOf[everything.MutualB]()},
	{typeOf[everything.MutualB](), typeOf[everything.MutualA]()},
}

// TestCrossTypeDecode encodes random values of one type with Apache and
// decodes them as another type with both engines: fields of unknown ids or
// of other types must be skipped, absent fields keep their defaults, and
// both engines must agree, including on rejecting a missing required field.
func TestCrossTypeDecode(t *testing.T) {
	for pi, pair := range crossPairs {
		from, to := pair[0], pair[1]
		for i := 0; i < 60; i++ {
			seed := valueSeed(1000+pi, i)
			b, err := ApacheEncode(NewGen(seed).Struct(from).(ApacheStruct))
			if err != nil {
				t.Fatalf("%s: Apache encode: %v", from, err)
			}
			a, l := NewTarget(to), NewTarget(to)
			aerr := ApacheDecode(b, a.(ApacheStruct))
			lerr := Protect(func() error { return LibraryDecode(b, l) })
			switch {
			case aerr != nil && isApacheMissingRequired(aerr):
				if !errors.Is(lerr, frugal.ErrMissingRequired) {
					t.Errorf("%s bytes as %s (seed %d): Apache: %v; library: %v, want ErrMissingRequired\n%s", from, to, seed, aerr, lerr, Hex(b))
				}
			case aerr != nil:
				t.Fatalf("%s bytes as %s (seed %d): Apache fails: %v", from, to, seed, aerr)
			case lerr != nil:
				t.Errorf("%s bytes as %s (seed %d): library fails where Apache does not: %v\n%s", from, to, seed, lerr, Hex(b))
			default:
				if d := Diff(a, l); d != "" {
					t.Errorf("%s bytes as %s (seed %d): Apache (left) and library (right) differ: %s\n%s", from, to, seed, d, Hex(b))
				}
			}
		}
	}
}
