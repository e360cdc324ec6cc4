package conformance

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// Check runs every conformance check on v, a *T of struct type t, and
// returns a description of the first failure, or "":
//   - Apache and the library both encode v; EncodedSize(v) equals the
//     length of both encodings;
//   - the encodings are identical, up to the order of map entries when v
//     holds a map of two or more entries;
//   - Apache's bytes and the library's bytes each decode, with Apache and
//     with the library, into equal values (see Diff), both into targets with
//     their IDL defaults set and, for Apache's bytes, into zero values;
//   - both engines skip every field of Apache's bytes when decoding them
//     into an empty struct.
func Check(t reflect.Type, v any) string {
	ab, err := ApacheEncode(v.(ApacheStruct))
	if err != nil {
		return "Apache encode: " + err.Error()
	}
	var lb []byte
	if err := Protect(func() (err error) { lb, err = LibraryEncode(v); return }); err != nil {
		return "library encode: " + err.Error()
	}
	var size int
	if err := Protect(func() error { size = frugal.EncodedSize(v); return nil }); err != nil {
		return "library EncodedSize: " + err.Error()
	}
	if size != len(ab) {
		return fmt.Sprintf("EncodedSize %d, Apache wrote %d bytes", size, len(ab))
	}
	if msg := CompareEncodings(ab, lb); msg != "" {
		return msg
	}
	for _, src := range []struct {
		name string
		b    []byte
	}{{"Apache", ab}, {"library", lb}} {
		a, l := NewTarget(t), NewTarget(t)
		if err := ApacheDecode(src.b, a.(ApacheStruct)); err != nil {
			return fmt.Sprintf("Apache decode of %s bytes: %v\n%s", src.name, err, Hex(src.b))
		}
		if err := Protect(func() error { return LibraryDecode(src.b, l) }); err != nil {
			return fmt.Sprintf("library decode of %s bytes: %v\n%s", src.name, err, Hex(src.b))
		}
		if d := Diff(a, l); d != "" {
			return fmt.Sprintf("%s bytes decoded by Apache (left) and the library (right) differ: %s\n%s", src.name, d, Hex(src.b))
		}
	}
	// Decoding into a zero value (no defaults set) must agree as well.
	a, l := reflect.New(t).Interface(), reflect.New(t).Interface()
	if err := ApacheDecode(ab, a.(ApacheStruct)); err != nil {
		return "Apache decode into a zero value: " + err.Error()
	}
	if err := Protect(func() error { return LibraryDecode(ab, l) }); err != nil {
		return fmt.Sprintf("library decode into a zero value: %v\n%s", err, Hex(ab))
	}
	if d := Diff(a, l); d != "" {
		return fmt.Sprintf("Apache bytes decoded into zero values by Apache (left) and the library (right) differ: %s\n%s", d, Hex(ab))
	}
	if err := ApacheDecode(ab, everything.NewEmpty()); err != nil {
		return "Apache skipping all fields: " + err.Error()
	}
	if err := Protect(func() error { return LibraryDecode(ab, everything.NewEmpty()) }); err != nil {
		return fmt.Sprintf("library skipping all fields: %v\n%s", err, Hex(ab))
	}
	return ""
}

// CompareEncodings compares Apache's encoding a with the library's l: byte
// for byte when a holds no map of two or more entries, else after sorting map
// entries (see Canonical). It returns "" when they match.
func CompareEncodings(a, l []byte) string {
	ca, unordered, err := Canonical(a)
	if err != nil {
		return "Apache bytes do not parse: " + err.Error()
	}
	if !unordered {
		if !bytes.Equal(a, l) {
			return "encodings differ:\n" + FirstDifference(a, l)
		}
		return ""
	}
	cl, _, err := Canonical(l)
	if err != nil {
		return fmt.Sprintf("library bytes do not parse: %v\n%s", err, FirstDifference(a, l))
	}
	if !bytes.Equal(ca, cl) {
		return "encodings differ beyond map order (canonical forms shown):\n" + FirstDifference(ca, cl)
	}
	return ""
}

// FirstDifference describes where Apache's bytes a and the library's bytes
// l first differ, with some context in hex.
func FirstDifference(a, l []byte) string {
	i := 0
	for i < len(a) && i < len(l) && a[i] == l[i] {
		i++
	}
	lo := max(0, i-16)
	return fmt.Sprintf("  lengths: Apache %d, library %d; first difference at offset %d\n  Apache  [%d:]: % x\n  library [%d:]: % x",
		len(a), len(l), i, lo, a[lo:min(len(a), i+24)], lo, l[lo:min(len(l), i+24)])
}

// Hex returns b in hex, shortened when long.
func Hex(b []byte) string {
	if len(b) > 160 {
		return fmt.Sprintf("  bytes (%d, first 160): % x ...", len(b), b[:160])
	}
	return fmt.Sprintf("  bytes (%d): % x", len(b), b)
}

// Protect runs f and turns a panic into an error, so that one crashing value
// does not end the whole test run.
func Protect(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}
