package conformance

import (
	"encoding/hex"
	"errors"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/conformance/gen/baseline"
)

// TestApacheFuzzRegressions holds the inputs FuzzApacheDecode found, each
// with what Apache (as shipped and with strictSkip) and every library
// engine must do with it.
func TestApacheFuzzRegressions(t *testing.T) {
	lanes, _, err := fuzzLanes()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		hex  string
		typ  reflect.Type
		want error // the library's error class
	}{{
		// An unknown map<string,struct> field whose struct value holds a
		// list of type id 48 with a count past the end: Apache's Skip drops
		// the map value's error, reads the next byte as the stop and
		// accepts; the library refuses the type id.
		name: "map value skip error ignored by Apache",
		hex:  "0f303030000000000d30300b0c00000001000000000f3030303030303000",
		typ:  reflect.TypeOf(baseline.Simple{}),
		want: frugal.ErrUnknownType,
	}} {
		t.Run(c.name, func(t *testing.T) {
			data, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			if err := apacheDecodeGuarded(data, NewTarget(c.typ).(ApacheStruct), false); err != nil {
				t.Errorf("Apache as shipped refuses it (the case no longer shows the difference): %v", err)
			}
			if !apacheStrictRefuses(data, c.typ) {
				t.Error("Apache with strictSkip accepts it")
			}
			ti := -1
			for i, ft := range fuzzTypes {
				if ft == c.typ {
					ti = i
				}
			}
			if ti < 0 {
				t.Fatalf("%s is not a fuzzed type", c.typ)
			}
			for _, l := range lanes {
				if err := LibraryDecode(data, NewTarget(l.types[ti])); !errors.Is(err, c.want) {
					t.Errorf("engine %s: got %v, want %v", l.Name, err, c.want)
				}
			}
		})
	}
}
