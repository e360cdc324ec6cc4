package bench

import "testing"

// BenchmarkEncode measures, per message and contender, what Kitex does to
// send a message: EncodedSize, then EncodeObject into a buffer of that size.
// The buffer is reused across iterations, so buffer allocation is not timed.
// A contender without a size pass (Apache Thrift) writes into the buffer its
// first encode needed.
func BenchmarkEncode(b *testing.B) {
	for _, m := range Messages {
		for _, c := range Contenders {
			v := c.MessageFor(m).Value
			b.Run(m.Name+"/"+c.Name, func(b *testing.B) {
				data, err := encode(c, v)
				if err != nil {
					b.Fatal(err)
				}
				buf := data
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				size := c.EncodedSize
				if size == nil { // no size pass: the buffer of the first encode fits
					size = func(any) int { return len(data) }
				}
				for b.Loop() {
					n := size(v)
					if cap(buf) < n {
						buf = make([]byte, n)
					}
					if _, err := c.Encode(buf[:n], v); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkDecode measures, per message and contender, what Kitex does to
// receive a message: DecodeObject into a new zero struct. Every contender
// decodes the same bytes: the first contender's encoding of the message's
// DecodeInput.
func BenchmarkDecode(b *testing.B) {
	for _, m := range Messages {
		data, err := encode(Contenders[0], Contenders[0].MessageFor(m).DecodeInput())
		if err != nil {
			b.Fatalf("%s/%s: %v", m.Name, Contenders[0].Name, err)
		}
		for _, c := range Contenders {
			cm := c.MessageFor(m)
			b.Run(m.Name+"/"+c.Name, func(b *testing.B) {
				if _, err := decode(c, cm, data); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Decode(data, cm.New()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
