package conformance

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/fuzz"
)

// fuzzLane is a library engine built here, with its pinned types.
type fuzzLane struct {
	fuzz.Engine
	types []reflect.Type // parallel to fuzzTypes
}

// fuzzLanes returns fuzzVariants pinned to their engines, once: an engine that refuses
// its first type as unavailable is skipped with the reason, one that runs
// some types but not others is an error.
func fuzzLanes() ([]fuzzLane, []string, error) {
	r := fuzzLanesOnce()
	return r.lanes, r.skipped, r.err
}

type fuzzLaneSet struct {
	lanes   []fuzzLane
	skipped []string
	err     error
}

var fuzzLanesOnce = sync.OnceValue(func() fuzzLaneSet {
	lanes, skipped, err := setupFuzzLanes()
	return fuzzLaneSet{lanes, skipped, err}
})

func setupFuzzLanes() (lanes []fuzzLane, skipped []string, err error) {
	for _, e := range fuzz.Engines {
		types := fuzzVariants[e.Name]
		for i, t := range types {
			ok, reason, err := e.Pin(t)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				if i > 0 {
					return nil, nil, fmt.Errorf("engine %s runs %s but not %s: %s", e.Name, types[0], t, reason)
				}
				skipped = append(skipped, e.Name+": "+reason)
				break
			}
			if i == len(types)-1 {
				lanes = append(lanes, fuzzLane{e, types})
			}
		}
	}
	if len(lanes) == 0 {
		return nil, nil, errors.New("no library engine is available")
	}
	return lanes, skipped, nil
}

// TestFuzzEngines reports, per engine, whether FuzzApacheDecode compares it
// with Apache: a skip (with the reason) for an engine that is not built.
func TestFuzzEngines(t *testing.T) {
	lanes, skipped, err := fuzzLanes()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range fuzz.Engines {
		t.Run(e.Name, func(t *testing.T) {
			for _, l := range lanes {
				if l.Name == e.Name {
					return
				}
			}
			for _, s := range skipped {
				if strings.HasPrefix(s, e.Name+":") {
					t.Skipf("not compared by FuzzApacheDecode: %s", s)
				}
			}
			t.Fatalf("engine %s is neither run nor skipped", e.Name)
		})
	}
}

// FuzzApacheDecode decodes arbitrary bytes into generated types (the
// baseline structs and a few of everything.thrift's: containers, recursion,
// required fields, defaults) with Apache Thrift v0.13.0's generated Read and
// with every library engine, each required to consume the whole input.
// When both accept the input the values must be equal. Where they differ
// on accepting it, only these known, documented differences are allowed:
//
//   - The library rejects a container whose element, key or value type id
//     differs from the schema's (ErrTypeMismatch); Apache reads the bytes
//     as the schema's type anyway.
//   - The library limits nesting to frugal.MaxDepth (1023) levels, skipped
//     fields included (ErrDepthLimit); Apache's generated code does not
//     limit the nesting of the structs it knows.
//   - Apache's Skip stops at 64 levels (TProtocolException DEPTH_LIMIT);
//     the library skips up to frugal.MaxDepth.
//   - Apache's Skip ignores the errors of map values and of struct field
//     headers inside the unknown field it skips, so it accepts some corrupt
//     input (a map value of an unknown type id, a count past the end) that
//     the library refuses: allowed when Apache with a skip that reports
//     every error (strictSkip) refuses the input too.
//
// A bool byte other than 1 reads as false in both, so such input must
// decode equal (no allowance is made for it).
func FuzzApacheDecode(f *testing.F) {
	lanes, skipped, err := fuzzLanes()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range skipped {
		f.Logf("not compared (engine not built): %s", s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for ti, typ := range fuzzTypes {
			a := NewTarget(typ)
			aerr := Protect(func() error { return apacheDecodeGuarded(data, a.(ApacheStruct), false) })
			if aerr != nil && strings.HasPrefix(aerr.Error(), "panic:") {
				t.Fatalf("%s: Apache panics (not a library bug; add the input to a known case): %v\ninput: %x", typ, aerr, data)
			}
			for _, l := range lanes {
				lv := NewTarget(l.types[ti])
				lerr := Protect(func() error { return LibraryDecode(data, lv) })
				if aerr == nil && lerr != nil && apacheStrictRefuses(data, typ) {
					continue // known: Apache's Skip ignores errors
				}
				if msg := compareWithApache(aerr, lerr, a, asType(lv, typ)); msg != "" {
					t.Fatalf("%s, library engine %s: %s\ninput: %x", typ, l.Name, msg, data)
				}
			}
		}
	})
}

// compareWithApache checks one input's results: Apache's error and value a,
// the library's error and value l. It returns "" when they agree or differ
// only in a known way.
func compareWithApache(aerr, lerr error, a, l any) string {
	switch {
	case aerr == nil && lerr == nil:
		if d := Diff(a, l); d != "" {
			return "Apache (left) and the library (right) decode different values: " + d
		}
		return ""
	case aerr == nil:
		if errors.Is(lerr, frugal.ErrTypeMismatch) || errors.Is(lerr, frugal.ErrDepthLimit) {
			return "" // known: see FuzzApacheDecode
		}
		return fmt.Sprintf("Apache accepts it, the library refuses it: %v", lerr)
	case lerr == nil:
		if isApacheDepthLimit(aerr) {
			return "" // known: Apache's Skip stops at 64 levels
		}
		return fmt.Sprintf("the library accepts it, Apache refuses it: %v", aerr)
	}
	if strings.HasPrefix(lerr.Error(), "panic:") {
		return "library panics: " + lerr.Error()
	}
	var fe *frugal.Error
	if !errors.As(lerr, &fe) && !strings.HasPrefix(lerr.Error(), "library: DecodeObject read") {
		return fmt.Sprintf("library error %T is not a *frugal.Error: %v", lerr, lerr)
	}
	return ""
}

// apacheStrictRefuses reports whether Apache refuses data as a typ when its
// Skip reports every error.
func apacheStrictRefuses(data []byte, typ reflect.Type) bool {
	a := NewTarget(typ).(ApacheStruct)
	return Protect(func() error { return apacheDecodeGuarded(data, a, true) }) != nil
}

// isApacheDepthLimit reports whether err is Apache's depth-limit exception.
func isApacheDepthLimit(err error) bool {
	var pe thrift.TProtocolException
	return errors.As(err, &pe) && pe.TypeId() == thrift.DEPTH_LIMIT
}

// asType converts the struct pointer v to a pointer to t (same layout).
func asType(v any, t reflect.Type) any {
	return reflect.ValueOf(v).Convert(reflect.PointerTo(t)).Interface()
}
