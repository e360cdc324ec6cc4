package testtypes

import "math/rand"

// Corruptions calls visit with damaged copies of the messages: every
// truncation of the first message and every 13th of the others, then
// perMessage copies of each with one to three bytes replaced at random
// (seeded, so a failure repeats). what says which kind of damage.
func Corruptions(msgs [][]byte, seed int64, perMessage int, visit func(b []byte, what string)) {
	r := rand.New(rand.NewSource(seed))
	for i, m := range msgs {
		stride := 1
		if i > 0 {
			stride = 13
		}
		for n := 0; n < len(m); n += stride {
			visit(m[:n:n], "truncation")
		}
		for k := 0; k < perMessage; k++ {
			b := append([]byte(nil), m...)
			for flips := 1 + r.Intn(3); flips > 0; flips-- {
				b[r.Intn(len(b))] = byte(r.Intn(256))
			}
			visit(b, "mutation")
		}
	}
}
