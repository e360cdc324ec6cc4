package interp

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

// countingDriver serves exits as the driver does and counts them by kind.
type countingDriver struct {
	*driver
	kinds map[ssa.ExitKind]int
}

func (c countingDriver) Exit(kind ssa.ExitKind, aux any, args []uint64) uint64 {
	c.kinds[kind]++
	return c.driver.Exit(kind, aux, args)
}

// Empty and nil maps cost no exit: size and encode read their length
// inline and skip the driver, whose map exits would do nothing for them.
func TestEmptyMapsTakeNoExit(t *testing.T) {
	d, err := ir.Resolve(reflect.TypeOf(testtypes.Nesting{}))
	if err != nil {
		t.Fatal(err)
	}
	withMaps := testtypes.NewNesting()
	nilMaps := testtypes.NewNesting()
	nilMaps.MapStringString, nilMaps.MapI32I64, nilMaps.MapI64String, nilMaps.MapStringSimple = nil, nil, nil, nil
	emptyMaps := testtypes.NewNesting()
	clear(emptyMaps.MapStringString)
	clear(emptyMaps.MapI32I64)
	clear(emptyMaps.MapI64String)
	clear(emptyMaps.MapStringSimple)
	mapExits := func(v *testtypes.Nesting) int {
		p := unsafe.Pointer(v)
		c := countingDriver{&driver{}, map[ssa.ExitKind]int{}}
		n := Run(sizeFunc(d), []uint64{uint64(uintptr(p))}, c)
		out := make([]byte, n)
		c.driver.out = out
		if w := Run(funcOf(d, ir.ModeEncode), []uint64{uint64(uintptr(p)), uint64(uintptr(unsafe.Pointer(&out[0]))), n, 0, 0}, c); w != n {
			t.Fatalf("wrote %d of %d bytes", w, n)
		}
		return c.kinds[ssa.ExitMapSize] + c.kinds[ssa.ExitMapEncode] + c.kinds[ssa.ExitMapEntries]
	}
	if n := mapExits(withMaps); n == 0 {
		t.Fatal("no map exits for a Nesting with maps: the count sees nothing")
	}
	for name, v := range map[string]*testtypes.Nesting{"nil": nilMaps, "empty": emptyMaps} {
		if n := mapExits(v); n != 0 {
			t.Errorf("%s maps: %d map exits, want none", name, n)
		}
	}
}
