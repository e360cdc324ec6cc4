package conformance

import (
	"bytes"
	"math"
	"testing"
)

// TestCanonicalMapOrder checks that Canonical ignores map entry order but
// nothing else.
func TestCanonicalMapOrder(t *testing.T) {
	// struct { 1: map<byte,byte> = {1:2, 3:4} } in both entry orders, then
	// with a changed value.
	a := []byte{tMap, 0, 1, tByte, tByte, 0, 0, 0, 2, 1, 2, 3, 4, tStop}
	b := []byte{tMap, 0, 1, tByte, tByte, 0, 0, 0, 2, 3, 4, 1, 2, tStop}
	c := []byte{tMap, 0, 1, tByte, tByte, 0, 0, 0, 2, 3, 5, 1, 2, tStop}
	ca, unordered, err := Canonical(a)
	if err != nil || !unordered {
		t.Fatalf("Canonical(a) = %v, %v", unordered, err)
	}
	cb, _, _ := Canonical(b)
	cc, _, _ := Canonical(c)
	if !bytes.Equal(ca, cb) || bytes.Equal(ca, cc) {
		t.Errorf("canonical forms: a % x, b % x, c % x", ca, cb, cc)
	}
	if CompareEncodings(a, b) != "" || CompareEncodings(a, c) == "" {
		t.Errorf("CompareEncodings is wrong on reordered or changed maps")
	}
	if _, _, err := Canonical(a[:len(a)-1]); err == nil {
		t.Errorf("Canonical accepted a truncated struct")
	}
}

type keyed struct{ A int }

// TestDiff checks Diff's departures from reflect.DeepEqual.
func TestDiff(t *testing.T) {
	if Diff(math.NaN(), math.NaN()) != "" || Diff(0.0, math.Copysign(0, -1)) == "" {
		t.Errorf("floats must compare by bits")
	}
	m1 := map[*keyed]string{{1}: "x", {2}: "y"}
	m2 := map[*keyed]string{{2}: "y", {1}: "x"}
	m3 := map[*keyed]string{{2}: "x", {1}: "y"}
	if d := Diff(m1, m2); d != "" {
		t.Errorf("pointer-keyed maps with equal entries differ: %s", d)
	}
	if Diff(m1, m3) == "" {
		t.Errorf("pointer-keyed maps with different entries compare equal")
	}
	if Diff([]int{}, []int(nil)) == "" || Diff(map[int]int{}, map[int]int(nil)) == "" {
		t.Errorf("nil and empty must differ, as with reflect.DeepEqual")
	}
}

// TestCompareEncodingsDetectsChanges checks that CompareEncodings catches a
// change of any single byte in real encodings, with and without maps of
// several entries.
func TestCompareEncodingsDetectsChanges(t *testing.T) {
	for ti, typ := range Types {
		for i := 0; i < 4; i++ {
			b, err := ApacheEncode(NewGen(valueSeed(ti, i)).Struct(typ).(ApacheStruct))
			if err != nil {
				t.Fatal(err)
			}
			if msg := CompareEncodings(b, b); msg != "" {
				t.Fatalf("%s: an encoding differs from itself: %s", typ, msg)
			}
			for k := 0; k < len(b); k += max(1, len(b)/100) {
				m := bytes.Clone(b)
				m[k] ^= 0x10
				if CompareEncodings(b, m) == "" {
					t.Errorf("%s value %d: a change at byte %d of %d goes unnoticed", typ, i, k, len(b))
				}
			}
		}
	}
}
