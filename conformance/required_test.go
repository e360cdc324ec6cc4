package conformance

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

func ptr[T any](v T) *T { return &v }

// fullOptional returns an Optional with all 15 fields set. Optional has the
// same field ids and types as Required, so its encoding is a valid Required
// message, and leaving one field out makes one with a required field missing.
func fullOptional() *everything.Optional {
	return &everything.Optional{
		Bool: ptr(true), Byte: ptr(int8(-2)), I8: ptr(int8(3)), I16: ptr(int16(-4)),
		I32: ptr(int32(5)), I64: ptr(int64(-6)), Double: ptr(7.5), String_: ptr("s"),
		Binary: []byte{1}, Color: ptr(everything.Color_Blue), Struct: &everything.Scalars{I32: 1},
		List: []int32{1}, Set: []string{"a"}, Map: map[string]int32{"k": 1}, Empty: &everything.Empty{},
	}
}

// isApacheMissingRequired reports whether err is thriftgo's error for an
// unset required field.
func isApacheMissingRequired(err error) bool {
	return err != nil && strings.Contains(err.Error(), "is not set")
}

// expectMissingRequired decodes b into a new *T with both engines and
// expects both to reject it for a missing required field.
func expectMissingRequired(t *testing.T, name string, b []byte, typ reflect.Type) {
	t.Helper()
	if err := ApacheDecode(b, NewTarget(typ).(ApacheStruct)); !isApacheMissingRequired(err) {
		t.Errorf("%s: Apache decode of % x: got %v, want a missing required field", name, b, err)
	}
	err := Protect(func() error { return LibraryDecode(b, NewTarget(typ)) })
	if !errors.Is(err, frugal.ErrMissingRequired) {
		t.Errorf("%s: library decode of % x: got %v, want ErrMissingRequired", name, b, err)
	}
}

// TestRequiredEachFieldMissing leaves out each required field of Required in
// turn: Apache and the library must both reject the message, the library
// with ErrMissingRequired. With every field present both must accept it.
func TestRequiredEachFieldMissing(t *testing.T) {
	typ := reflect.TypeFor[everything.Required]()
	full, err := ApacheEncode(fullOptional())
	if err != nil {
		t.Fatal(err)
	}
	a, l := NewTarget(typ), NewTarget(typ)
	if err := ApacheDecode(full, a.(ApacheStruct)); err != nil {
		t.Fatalf("Apache rejects a complete Required: %v", err)
	}
	if err := Protect(func() error { return LibraryDecode(full, l) }); err != nil {
		t.Fatalf("library rejects a complete Required: %v\n%s", err, Hex(full))
	}
	if d := Diff(a, l); d != "" {
		t.Errorf("complete Required decoded differently: %s", d)
	}
	fields := reflect.TypeFor[everything.Optional]()
	for i := 0; i < fields.NumField(); i++ {
		o := fullOptional()
		reflect.ValueOf(o).Elem().Field(i).SetZero() // unset: nil
		b, err := ApacheEncode(o)
		if err != nil {
			t.Fatal(err)
		}
		expectMissingRequired(t, "Required without "+fields.Field(i).Name, b, typ)
	}
}

// TestRequiredInEmptyMessage decodes an empty struct (a lone STOP byte) into
// every type with a required field, including OptionalDefaults, whose
// required fields have default values but must still be on the wire.
func TestRequiredInEmptyMessage(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[everything.Required](),
		reflect.TypeFor[everything.Mixed](),
		reflect.TypeFor[everything.OptionalDefaults](),
		reflect.TypeFor[everything.Typedefs](),
		reflect.TypeFor[everything.Enums](),
		reflect.TypeFor[everything.Holder](),
	} {
		expectMissingRequired(t, typ.String(), []byte{tStop}, typ)
	}
}

// TestRequiredMissingNested puts a struct that lacks its required fields
// inside a list, a map value and a struct field.
func TestRequiredMissingNested(t *testing.T) {
	nested := reflect.TypeFor[everything.Nested]()
	// Nested{5: list<Mixed> [{}]}
	expectMissingRequired(t, "Nested.Mixed[0]", []byte{tList, 0, 5, tStruct, 0, 0, 0, 1, tStop, tStop}, nested)
	// Nested{3: map<string,Defaults>} is fine, but {4: OptionalDefaults{}} is not.
	expectMissingRequired(t, "Nested.Opt", []byte{tStruct, 0, 4, tStop, tStop}, nested)
	// Nested{2: list<OptionalDefaults> [{9: 1, 10: ""}, {}]}
	b := []byte{tList, 0, 2, tStruct, 0, 0, 0, 2,
		tI16, 0, 9, 0, 1, tString, 0, 10, 0, 0, 0, 0, tStop,
		tStop,
		tStop}
	expectMissingRequired(t, "Nested.List[1]", b, nested)
}

// TestNilRequiredStruct checks that the library refuses to encode a nil
// required struct field with ErrNilRequired. (Apache, by contrast, writes an
// empty struct for it: thriftgo's Write methods accept a nil receiver. This
// is a documented difference of the library, not a conformance check.)
func TestNilRequiredStruct(t *testing.T) {
	r := &everything.Required{Set: []string{}, Empty: &everything.Empty{}}
	h := &everything.Holder{}
	for _, v := range []any{r, h} {
		if _, err := ApacheEncode(v.(ApacheStruct)); err != nil {
			t.Errorf("%T: Apache encode: %v", v, err)
		}
		err := Protect(func() error {
			_, err := frugal.EncodeObject(make([]byte, frugal.EncodedSize(v)+64), nil, v)
			return err
		})
		if !errors.Is(err, frugal.ErrNilRequired) {
			t.Errorf("%T with a nil required struct: EncodeObject error %v, want ErrNilRequired", v, err)
		}
	}
}
