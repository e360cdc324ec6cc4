package interp

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/ssa"
)

func descOf(t *testing.T, v any) *ir.StructDesc {
	t.Helper()
	d, err := ir.Resolve(reflect.TypeOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The size programs of every test type build into valid SSA.
func TestBuildSizeVerifies(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting{}, &testtypes.Nesting2{}, &testtypes.Everything{}} {
		for _, depth := range []int{0, 1, ir.DefaultInlineDepth} {
			f := ssa.BuildSize(ir.Lower(descOf(t, v), ir.ModeSize, depth))
			if err := ssa.Verify(f); err != nil {
				t.Fatalf("%T at inline depth %d: %v\n%s", v, depth, err, f)
			}
		}
	}
}

// The interpreted size program gives the reflect codec's size.
func TestSizeMatchesReflect(t *testing.T) {
	check := func(v any) {
		t.Helper()
		d := descOf(t, v)
		p := reflect.ValueOf(v).UnsafePointer()
		if got, want := Size(d, p), codec.Size(d, p); got != want {
			t.Fatalf("%T: interpreted size %d, reflect codec %d", v, got, want)
		}
	}
	check(testtypes.NewSimple())
	check(testtypes.NewNesting())
	check(testtypes.NewNesting2())
	check(&testtypes.Simple{})
	g := testtypes.NewRandom(3)
	for i := 0; i < 500; i++ {
		v := new(testtypes.Everything)
		g.Fill(v)
		check(v)
	}
	// Optional fields at and off their defaults, NaN and -0 doubles.
	e := &testtypes.Everything{}
	e.InitDefault()
	check(e)
	e.DefString, e.DefI32 = "hi!", 8
	check(e)
	if Size(descOf(t, e), unsafe.Pointer(nil)) != 1 {
		t.Fatal("nil struct size")
	}
}
