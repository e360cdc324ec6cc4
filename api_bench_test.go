package frugal_test

import (
	"testing"

	"github.com/frugaljit/frugal"
)

// oneFieldJIT and oneFieldReflect are the smallest useful message, one per
// engine (engines are chosen per type): what a call costs besides the
// codec's own work.
type oneFieldJIT struct {
	V int64 `frugal:"1,default,i64"`
}

type oneFieldReflect struct {
	V int64 `frugal:"1,default,i64"`
}

// BenchmarkCallCost measures EncodedSize and EncodeObject, and
// DecodeObject into the same value, of a struct of one i64 on each engine:
// the fixed cost of a call through the API (the type's lookup from an
// interface, entering the codec, its set-up), which a small message pays
// in full.
func BenchmarkCallCost(b *testing.B) {
	for _, c := range []struct {
		name   string
		v      any
		engine frugal.Engine
	}{
		{"jit", &oneFieldJIT{V: 42}, frugal.EngineJIT},
		{"reflect", &oneFieldReflect{V: 42}, frugal.EngineReflect},
	} {
		if err := frugal.Pretouch(c.v, frugal.WithEngine(c.engine)); err != nil {
			b.Run(c.name, func(b *testing.B) { b.Skipf("%s: %v", c.name, err) })
			continue
		}
		buf := make([]byte, frugal.EncodedSize(c.v))
		b.Run("encode/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := frugal.EncodeObject(buf[:frugal.EncodedSize(c.v)], nil, c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("decode/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := frugal.DecodeObject(buf, c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
