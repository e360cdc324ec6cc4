package conformance

import (
	"flag"
	"testing"
)

var seedFlag = flag.Uint64("seed", 1, "base seed of the random conformance tests")

// valuesPerType random values are checked for each of the generated struct
// types (21), 8400 in all.
const valuesPerType = 400

// valueSeed is the generator seed of the i-th random value of Types[ti].
func valueSeed(ti, i int) uint64 {
	return *seedFlag*1_000_003 + uint64(ti)*100_000 + uint64(i)
}

// TestRandomConformance checks thousands of random values of every generated
// struct type with Check. Half of them have maps of at most one entry, whose
// encodings must match Apache's byte for byte; the other half are compared
// up to map order, and a quarter have maps of up to 12 entries. Each
// failure names the seed that regenerates its value: NewGen(seed) with
// MaxMapLen 1 for even i, 12 where i%4 is 1.
func TestRandomConformance(t *testing.T) {
	for ti, typ := range Types {
		t.Run(typ.String(), func(t *testing.T) {
			failures := 0
			for i := 0; i < valuesPerType; i++ {
				seed := valueSeed(ti, i)
				g := NewGen(seed)
				switch i % 4 {
				case 0, 2:
					g.MaxMapLen = 1
				case 1: // past the 8 entries Go keeps in one group
					g.MaxMapLen = 12
				}
				v := g.Struct(typ)
				if msg := Check(typ, v); msg != "" {
					failures++
					if failures <= 3 {
						t.Errorf("value %d (seed %d, MaxMapLen %d): %s", i, seed, g.MaxMapLen, msg)
					}
				}
			}
			if failures > 0 {
				t.Errorf("%d of %d random %s values failed", failures, valuesPerType, typ)
			}
		})
	}
}
