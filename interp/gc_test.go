package interp

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
)

// The interpreter holds pointers as integers, so everything it points into
// must be kept alive by someone else: the caller's value, the driver's
// memory. Values made here are referenced by nothing but the call while
// another goroutine forces GC; decoded values are checked after many
// collections. Run with GODEBUG=gccheckmark=1 too.
func TestInterpreterUnderGC(t *testing.T) {
	stop := testtypes.GCLoop()
	defer stop()
	want := testtypes.NewNesting2()
	d := descOf(t, want)
	buf := reflectEncode(t, want)
	var kept []*testtypes.Nesting2
	for i := 0; i < 6; i++ {
		out := new(testtypes.Nesting2)
		if _, err := Decode(buf, d, reflect.ValueOf(out).UnsafePointer()); err != nil {
			t.Fatal(err)
		}
		kept = append(kept, out)
		enc := make([]byte, len(buf))
		if n, err := Encode(enc, nil, d, reflect.ValueOf(testtypes.NewNesting2()).UnsafePointer()); err != nil || n != len(buf) {
			t.Fatalf("encode: %d, %v", n, err)
		}
		if n := Size(d, reflect.ValueOf(testtypes.NewNesting2()).UnsafePointer()); n != len(buf) {
			t.Fatalf("size %d, want %d", n, len(buf))
		}
	}
	runtime.GC()
	for _, v := range kept {
		if !testtypes.Equal(want, v) {
			t.Fatal("a decoded value changed after GC")
		}
	}
}
