package jit

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
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

// BenchmarkCompile is the time to build, optimize and compile one program
// (IR, SSA, passes, machine code; loading excluded), per baseline type,
// mode and inline depth (the default, and 0: every nested struct called),
// with the code's size as a metric.
func BenchmarkCompile(b *testing.B) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}} {
		d := prepared(&testing.T{}, v).desc
		for _, mode := range []ir.Mode{ir.ModeSize, ir.ModeEncode, ir.ModeDecode} {
			for _, depth := range []int{ir.DefaultInlineDepth, 0} {
				b.Run(fmt.Sprintf("%s/%v/inline=%d", d.Name, mode, depth), func(b *testing.B) {
					var c *compiled
					for i := 0; i < b.N; i++ {
						var err error
						if c, err = compile(funcKey{d, mode, depth}); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(c.bytes), "code-bytes")
				})
			}
		}
	}
}

// BenchmarkInlineDepth is the run-time price of shallower inlining (see
// PrepareInline): size, encode and decode of one message, per depth.
func BenchmarkInlineDepth(b *testing.B) {
	for _, v := range []any{testtypes.NewNesting(), testtypes.NewNesting2()} {
		d := prepared(&testing.T{}, v).desc
		buf := reflectEncode(&testing.T{}, v)
		p := reflect.ValueOf(v).UnsafePointer()
		for _, depth := range []int{ir.DefaultInlineDepth, 1, 0} {
			c, err := PrepareInline(d, depth)
			if err != nil {
				b.Fatal(err)
			}
			out := reflect.New(reflect.TypeOf(v).Elem())
			b.Run(fmt.Sprintf("%s/inline=%d", d.Name, depth), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					c.Encode(buf[:c.Size(p)], nil, p)
					out.Elem().SetZero()
					if _, err := c.Decode(buf, out.UnsafePointer()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// smallMapProbe is a message with one map, for the fixed cost of a map.
type smallMapProbe struct {
	M map[int32]int64 `frugal:"1,default,map<i32:i64>"`
}

// BenchmarkSmallMap is size and encode of a struct whose one map is empty
// or holds one entry: the difference is what a map costs beyond its
// entries' bytes (Go's iteration, the exits).
func BenchmarkSmallMap(b *testing.B) { benchmarkMap(b, 0, 1) }

// BenchmarkLargeMap is BenchmarkSmallMap with maps that Go keeps in tables:
// a directory of one table of a few groups, and of several tables.
func BenchmarkLargeMap(b *testing.B) { benchmarkMap(b, 100, 3000) }

func benchmarkMap(b *testing.B, sizes ...int) {
	for _, n := range sizes {
		v := &smallMapProbe{M: map[int32]int64{}}
		for i := range n {
			v.M[int32(i)] = int64(i)
		}
		c := prepared(&testing.T{}, v)
		p := reflect.ValueOf(v).UnsafePointer()
		buf := make([]byte, 16+12*n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.Encode(buf[:c.Size(p)], nil, p)
			}
		})
	}
}
