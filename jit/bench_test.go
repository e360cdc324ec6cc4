package jit

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	codec "github.com/frugaljit/frugal/reflect"
)

// BenchmarkSize separates the cost of entering compiled code from the
// code itself: Simple's size program has no exit and a few dozen
// instructions.
func BenchmarkSize(b *testing.B) {
	v := testtypes.NewSimple()
	c := prepared(&testing.T{}, v)
	p := reflect.ValueOf(v).UnsafePointer()
	b.Run("jit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c.Size(p)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			codec.Size(c.desc, p)
		}
	})
}

// BenchmarkEncode is Simple's encode on the compiled code and on the
// reflect codec.
func BenchmarkEncode(b *testing.B) {
	v := testtypes.NewSimple()
	c := prepared(&testing.T{}, v)
	p := reflect.ValueOf(v).UnsafePointer()
	buf := make([]byte, c.Size(p))
	b.Run("jit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c.Encode(buf, nil, p)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			codec.Encode(buf, nil, c.desc, p)
		}
	})
}

// BenchmarkDecode is Simple's decode into one value, again and again, on
// the compiled code and on the reflect codec: the codec's own work, with
// no allocation but the strings' bytes.
func BenchmarkDecode(b *testing.B) {
	v := testtypes.NewSimple()
	c := prepared(&testing.T{}, v)
	buf := reflectEncode(&testing.T{}, v)
	out := new(testtypes.Simple)
	p := reflect.ValueOf(out).UnsafePointer()
	b.Run("jit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c.Decode(buf, p)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			codec.Decode(buf, c.desc, p)
		}
	})
}
