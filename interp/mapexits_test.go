package interp

import (
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/internal/gomap"
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
// Maps with entries cost none either where gomap verified how Go lays them
// out: the program walks Go's groups and tables itself. Where no layout is
// verified (FRUGAL_MAPWALK=off), every map goes through the driver.
func TestMapExits(t *testing.T) {
	d, err := ir.Resolve(reflect.TypeOf(testtypes.Nesting{}))
	if err != nil {
		t.Fatal(err)
	}
	small := testtypes.NewNesting() // 8 entries in each map
	large := testtypes.NewNesting()
	for i := range 9 {
		k := strconv.Itoa(i)
		large.MapStringString[k] = k
		large.MapI32I64[int32(100+i)] = 1
		large.MapI64String[int64(100+i)] = k
		large.MapStringSimple[k] = testtypes.NewSimple()
	}
	nilMaps := testtypes.NewNesting()
	nilMaps.MapStringString, nilMaps.MapI32I64, nilMaps.MapI64String, nilMaps.MapStringSimple = nil, nil, nil, nil
	emptyMaps := testtypes.NewNesting()
	clear(emptyMaps.MapStringString)
	clear(emptyMaps.MapI32I64)
	clear(emptyMaps.MapI64String)
	clear(emptyMaps.MapStringSimple)
	// mapExits counts the exits of sizing and encoding v: those of its
	// maps of scalars and strings, and those of its map of structs.
	mapExits := func(v *testtypes.Nesting) (direct, structs int) {
		p := unsafe.Pointer(v)
		c := countingDriver{&driver{}, map[ssa.ExitKind]int{}}
		n := Run(sizeFunc(d), []uint64{uint64(uintptr(p))}, c)
		out := make([]byte, n)
		c.driver.out = out
		if w := Run(funcOf(d, ir.ModeEncode), []uint64{uint64(uintptr(p)), uint64(uintptr(unsafe.Pointer(&out[0]))), n, ssa.NocopyMin(false), 0}, c); w != n {
			t.Fatalf("wrote %d of %d bytes", w, n)
		}
		return c.kinds[ssa.ExitMapSize] + c.kinds[ssa.ExitMapEncode], c.kinds[ssa.ExitMapEntries]
	}
	_, walkErr := gomap.Verify()
	off := walkErr != nil
	for _, c := range []struct {
		name              string
		v                 *testtypes.Nesting
		direct, ofStructs bool // whether those maps take exits
	}{
		{"nil", nilMaps, false, false},
		{"empty", emptyMaps, false, false},
		{"small", small, off, off},
		{"large", large, off, off},
	} {
		if direct, structs := mapExits(c.v); (direct > 0) != c.direct || (structs > 0) != c.ofStructs {
			t.Errorf("%s maps: %d exits for maps of scalars and strings (want some: %v), %d for the map of structs (%v); map walk: %v",
				c.name, direct, c.direct, structs, c.ofStructs, walkErr)
		}
	}
}
