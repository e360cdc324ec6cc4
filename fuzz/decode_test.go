package fuzz

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// FuzzDecode decodes arbitrary bytes into each fixed type (the baseline
// structs and Everything) with every engine. It checks that no engine
// panics or hangs, that the engines agree on success or on the error class
// (and on the bytes read and the value decoded), and, on success, that each
// engine re-encodes the value with EncodedSize equal to the bytes written,
// to the same bytes (when no map has two entries), and that the bytes decode
// back to the value (normalized: absent fields come back empty).
func FuzzDecode(f *testing.F) {
	ls := mustFixedLanes(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog("FuzzDecode")()
		for i := range fixedTypes {
			checkDecode(t, ls, i, data)
		}
	})
}

// decoded is one engine's result of decoding a message.
type decoded struct {
	v     any // a pointer to the engine's type
	n     int
	class string
	err   error
}

// decodeAll decodes data into a new value of the type of index ti with every
// lane's engine.
func decodeAll(ls *lanes, ti int, data []byte) []decoded {
	out := make([]decoded, len(ls.run))
	for k, l := range ls.run {
		r := &out[k]
		r.v = newTarget(l.types[ti])
		r.err = protect(func() (err error) { r.n, err = frugal.DecodeObject(data, r.v); return })
		r.class = classOf(r.err)
	}
	return out
}

// agree fails unless every lane's result matches the oracle's (rs[0]):
// the same error class, and on success the same count and value.
func agree(t *testing.T, ls *lanes, ti int, data []byte, rs []decoded) {
	t.Helper()
	base := fixedTypes[ti]
	for k, r := range rs {
		if len(r.class) > 12 && r.class[:12] == "unclassified" {
			t.Fatalf("%s decoding %s: %s\ninput: %x", ls.run[k].Name, base, r.class, data)
		}
		if k == 0 {
			continue
		}
		o := rs[0]
		if r.class != o.class {
			t.Fatalf("%s: %s says %s (%v), %s says %s (%v)\ninput: %x",
				base, ls.run[0].Name, o.class, o.err, ls.run[k].Name, r.class, r.err, data)
		}
		if r.err == nil && r.n != o.n {
			t.Fatalf("%s: %s read %d bytes, %s read %d\ninput: %x", base, ls.run[0].Name, o.n, ls.run[k].Name, r.n, data)
		}
		if r.err == nil && !testtypes.Equal(as(o.v, base), as(r.v, base)) {
			t.Fatalf("%s: %s and %s decode different values\n%s: %+v\n%s: %+v\ninput: %x",
				base, ls.run[0].Name, ls.run[k].Name, ls.run[0].Name, o.v, ls.run[k].Name, r.v, data)
		}
	}
}

func checkDecode(t *testing.T, ls *lanes, ti int, data []byte) {
	rs := decodeAll(ls, ti, data)
	agree(t, ls, ti, data, rs)
	if rs[0].err != nil {
		return
	}
	checkFraming(t, fixedTypes[ti], data, rs[0].n)
	checkReencode(t, ls, ti, data, rs[0].v)
}

// checkReencode encodes v (a value decoded from data by the oracle) with
// every engine and decodes each engine's bytes with every engine.
func checkReencode(t *testing.T, ls *lanes, ti int, data []byte, v any) {
	t.Helper()
	base := fixedTypes[ti]
	ordered := !hasMultiEntryMap(reflect.ValueOf(v))
	encs := make([][]byte, len(ls.run))
	for k, l := range ls.run {
		var b []byte
		err := protect(func() (err error) { b, err = encode(as(v, l.types[ti])); return })
		if err != nil {
			t.Fatalf("%s: %s cannot re-encode the value it decoded: %v\ninput: %x", base, l.Name, err, data)
		}
		if k > 0 && ordered && !bytes.Equal(b, encs[0]) {
			t.Fatalf("%s: %s and %s encode the same value differently\n%s: %x\n%s: %x\ninput: %x",
				base, ls.run[0].Name, l.Name, ls.run[0].Name, encs[0], l.Name, b, data)
		}
		if k > 0 && len(b) != len(encs[0]) {
			t.Fatalf("%s: %s writes %d bytes, %s writes %d\ninput: %x", base, ls.run[0].Name, len(encs[0]), l.Name, len(b), data)
		}
		encs[k] = b
	}
	want := as(v, base)
	normalize(reflect.ValueOf(want)) // v is not used after this
	for k, b := range encs {
		for _, l := range ls.run {
			got := newTarget(l.types[ti])
			var n int
			err := protect(func() (err error) { n, err = frugal.DecodeObject(b, got); return })
			if err != nil || n != len(b) {
				t.Fatalf("%s: %s cannot decode what %s wrote (read %d of %d): %v\nbytes: %x\ninput: %x",
					base, l.Name, ls.run[k].Name, n, len(b), err, b, data)
			}
			if !testtypes.Equal(want, as(got, base)) {
				t.Fatalf("%s: %s's bytes decoded by %s differ from the value encoded\nwant: %+v\ngot:  %+v\nbytes: %x\ninput: %x",
					base, ls.run[k].Name, l.Name, want, got, b, data)
			}
		}
	}
}

// checkFraming fails unless data[:n], which decoding accepted, is one
// well-formed struct by the reference reader.
func checkFraming(t *testing.T, base reflect.Type, data []byte, n int) {
	t.Helper()
	if end, ok := refSkip(data, 0, 12, 0, false); !ok || end != n {
		t.Fatalf("%s: decoding accepts %d bytes, the reference reader says well-formed=%v ending at %d\ninput: %x",
			base, n, ok, end, data)
	}
}
