package bench

import "testing"

// TestCrossDecode checks, for every message, that the bytes each contender
// writes (exactly EncodedSize of them) decode with every contender, itself
// included, into a value equal to the original. When the message has a
// Source, the encoding of Source is checked the same way. go test runs this
// before any benchmark and skips the benchmarks when it fails.
func TestCrossDecode(t *testing.T) {
	for _, m := range Messages {
		for _, enc := range Contenders {
			em := enc.MessageFor(m)
			inputs := []any{em.Value}
			if em.Source != nil {
				inputs = append(inputs, em.Source)
			}
			for _, in := range inputs {
				data, err := encode(enc, in)
				if err != nil {
					t.Errorf("%s/%s: encode %T: %v", m.Name, enc.Name, in, err)
					continue
				}
				for _, dec := range Contenders {
					checkDecode(t, m, enc, dec, data)
				}
			}
		}
	}
}

// checkDecode decodes data, written by enc, with dec and compares the result
// with m's value.
func checkDecode(t *testing.T, m Message, enc, dec Contender, data []byte) {
	t.Helper()
	dm := dec.MessageFor(m)
	got, err := decode(dec, dm, data)
	if err != nil {
		t.Errorf("%s: %s -> %s: %v", m.Name, enc.Name, dec.Name, err)
		return
	}
	if !sameValue(t, m, got, dm.Value) {
		t.Errorf("%s: %s -> %s: decoded value differs from the original", m.Name, enc.Name, dec.Name)
	}
}

// TestDeepEqualDetectsDifferences guards the comparison TestCrossDecode
// relies on: it must see a change deep inside a pointer-keyed map.
func TestDeepEqualDetectsDifferences(t *testing.T) {
	a, b := NewNesting2(), NewNesting2()
	if !deepEqual(a, b) {
		t.Fatal("two identically built Nesting2 values compare unequal")
	}
	for k := range b.MapSimpleNesting {
		k.BinaryField[0]++
		break
	}
	if deepEqual(a, b) {
		t.Fatal("a changed map key was not detected")
	}
	c := NewNesting2()
	c.ListNesting[3].MapStringSimple[key(5)].StringField = "x"
	if deepEqual(a, c) {
		t.Fatal("a changed nested value was not detected")
	}
}
