package jit

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"

	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
)

// Generated code holds pointers as integers (in registers and in contexts
// the GC does not scan), so the values it reads must stay alive through
// their callers alone. Values made here are referenced by nothing but the
// call while another goroutine forces GC in a loop; map entries live in
// the driver. Run with GODEBUG=gccheckmark=1 too (scripts/test.sh does).
func TestEncodeUnderGC(t *testing.T) {
	c := prepared(t, &testtypes.Everything{})
	defer testtypes.GCLoop()()
	g := testtypes.NewRandom(11)
	for i := 0; i < 300; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		p := reflect.ValueOf(v).UnsafePointer()
		n := c.Size(p)
		got := make([]byte, n)
		if w, err := c.Encode(got, nil, p); err != nil || w != n {
			t.Fatalf("value %d: wrote %d of %d: %v", i, w, n, err)
		}
		if n != codec.Size(c.desc, p) {
			t.Fatalf("value %d: size %d, reflect codec %d", i, n, codec.Size(c.desc, p))
		}
		if !hasMaps(v) {
			want := make([]byte, n)
			if _, err := codec.Encode(want, nil, c.desc, p); err != nil || !bytes.Equal(got, want) {
				k := 0
				for k < n && got[k] == want[k] {
					k++
				}
				t.Fatalf("value %d: bytes differ from the reflect codec's at %d of %d (%v)\n got %x\nwant %x", i, k, n, err, got[max(0, k-16):min(n, k+16)], want[max(0, k-16):min(n, k+16)])
			}
		} else {
			decodesTo(t, got, v)
		}
	}
}

// hasMaps reports whether v holds a map with two entries or more, whose
// order the encoding does not fix.
func hasMaps(v *testtypes.Everything) bool {
	found := false
	var walk func(x reflect.Value)
	walk = func(x reflect.Value) {
		switch x.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !x.IsNil() {
				walk(x.Elem())
			}
		case reflect.Struct:
			for i := 0; i < x.NumField(); i++ {
				walk(x.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < x.Len(); i++ {
				walk(x.Index(i))
			}
		case reflect.Map:
			if x.Len() > 1 {
				found = true
			}
			for it := x.MapRange(); it.Next(); {
				walk(it.Key())
				walk(it.Value())
			}
		}
	}
	walk(reflect.ValueOf(v))
	return found
}

// Decoded values hold pointers that generated code stored: string data,
// slices, maps, nested structs. Decoding while another goroutine forces GC
// in a loop, then keeping the values through many more cycles, shows a
// missed write barrier or a pointer lost across an exit as a value that no
// longer equals the reflect codec's (with GODEBUG=gccheckmark=1, as a
// crash). Half the values are decoded over old ones, whose pointers the
// stores replace.
func TestDecodeUnderGC(t *testing.T) {
	t.Run("gcWriteBarrier2", func(t *testing.T) {
		before := barriers.Load()
		decodeUnderGC(t)
		if barriers.Load() != before {
			t.Errorf("%d pointer stores exited for the write barrier instead of calling it", barriers.Load()-before)
		}
	})
	// Counted: the stores call the barrier through a counter.
	t.Run("counted", func(t *testing.T) {
		entry := countingBarrier(t)
		withMachine(t, func(m *amd64.Machine) { m.GCWriteBarrier = entry }, func() {
			before := barrierCalls
			decodeUnderGC(t)
			if barrierCalls == before {
				t.Error("no pointer store called the write barrier while GC ran in a loop: the flag is not read")
			}
		})
	})
	t.Run("exits", func(t *testing.T) {
		withMachine(t, func(m *amd64.Machine) { m.GCWriteBarrier = 0 }, func() {
			before := barriers.Load()
			decodeUnderGC(t)
			if barriers.Load() == before {
				t.Error("no pointer store went through the write barrier's exit while GC ran in a loop: the flag is not read")
			}
		})
	})
}

// decodeUnderGC is TestDecodeUnderGC with the programs compiled as they are.
func decodeUnderGC(t *testing.T) {
	c := prepared(t, &testtypes.Everything{})
	g := testtypes.NewRandom(12)
	var msgs [][]byte
	for i := 0; i < 40; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		v.ReqStruct = testtypes.NewSimple()
		msgs = append(msgs, reflectEncode(t, v))
	}
	stop := testtypes.GCLoop()
	var got []*testtypes.Everything
	for round := 0; round < 10; round++ {
		for i, m := range msgs {
			v := oldValue(len(got))
			if _, err := c.Decode(m, reflect.ValueOf(v).UnsafePointer()); err != nil {
				t.Fatalf("message %d: %v", i, err)
			}
			got = append(got, v)
		}
	}
	for i := 0; i < 20; i++ {
		runtime.GC()
	}
	stop()
	for k, v := range got {
		want := oldValue(k)
		if _, err := codec.Decode(msgs[k%len(msgs)], c.desc, reflect.ValueOf(want).UnsafePointer()); err != nil {
			t.Fatal(err)
		}
		if !testtypes.Equal(want, v) {
			t.Fatalf("value %d changed after GC: %s", k, testtypes.Difference(want, v))
		}
	}
}

// oldValue returns the k-th value to decode over: zero for even k, else a
// random value made anew from k's seed each time it is asked for.
func oldValue(k int) *testtypes.Everything {
	v := new(testtypes.Everything)
	if k%2 == 1 {
		testtypes.NewRandom(int64(1000 + k)).Fill(v)
	}
	return v
}
