package frugal_test

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/gomap"
)

// Maps of every kind of key and element the engines treat apart: scalars
// and strings (sized and written by the driver in one exit where the
// program does not walk the map itself), struct pointers as elements and
// as keys, lists and maps as elements.
type (
	mapLeaf struct {
		A int32  `frugal:"1,default,i32"`
		S string `frugal:"2,default,string"`
	}
	mapKinds struct {
		SS map[string]string           `frugal:"1,default,map<string:string>"`
		IB map[int64]int8              `frugal:"2,default,map<i64:byte>"`
		HD map[int16]float64           `frugal:"3,default,map<i16:double>"`
		SB map[string][]byte           `frugal:"4,default,map<string:binary>"`
		DS map[float64]string          `frugal:"5,default,map<double:string>"`
		BI map[bool]int32              `frugal:"6,default,map<bool:i32>"`
		SL map[string]*mapLeaf         `frugal:"7,default,map<string:mapLeaf>"`
		LI map[*mapLeaf]int32          `frugal:"8,default,map<mapLeaf:i32>"`
		IL map[int32][]int32           `frugal:"9,default,map<i32:list<i32>>"`
		MM map[string]map[int32]string `frugal:"10,default,map<string:map<i32:string>>"`
	}
	// mapKinds again, a type for each engine: engines belong to types.
	mapKindsReflect mapKinds
	mapKindsInterp  mapKinds
	mapKindsJIT     mapKinds
)

// newMapKinds returns a mapKinds with n entries in each map (but BI, which
// has at most two keys). With holes, each map held more entries first,
// deleted since, so that its slots in Go's memory are not filled in order.
func newMapKinds(n int, holes bool) *mapKinds {
	v := &mapKinds{
		SS: map[string]string{}, IB: map[int64]int8{}, HD: map[int16]float64{}, SB: map[string][]byte{},
		DS: map[float64]string{}, BI: map[bool]int32{}, SL: map[string]*mapLeaf{}, LI: map[*mapLeaf]int32{},
		IL: map[int32][]int32{}, MM: map[string]map[int32]string{},
	}
	var leafKeys []*mapLeaf
	put := func(i int) {
		s := "k" + strconv.Itoa(i)
		v.SS[s] = s + "v"
		v.IB[int64(i)<<40] = int8(i)
		v.HD[int16(-i)] = float64(i) / 4
		v.SB[s] = []byte(s)
		v.DS[float64(i)+0.5] = s
		v.BI[i%2 == 0] = int32(i)
		v.SL[s] = &mapLeaf{A: int32(i), S: s}
		if i%5 == 3 {
			v.SL[s] = nil // written as an empty struct
		}
		k := &mapLeaf{A: int32(i)}
		leafKeys = append(leafKeys, k)
		v.LI[k] = int32(i)
		v.IL[int32(i)] = make([]int32, i%3)
		v.MM[s] = map[int32]string{int32(i): s}
	}
	extra := 0
	if holes {
		extra = 3
	}
	for i := range n + extra {
		put(i)
	}
	for i := 0; i < extra; i++ { // delete the first ones: holes at the front
		s := "k" + strconv.Itoa(i)
		delete(v.SS, s)
		delete(v.IB, int64(i)<<40)
		delete(v.HD, int16(-i))
		delete(v.SB, s)
		delete(v.DS, float64(i)+0.5)
		delete(v.SL, s)
		delete(v.LI, leafKeys[i])
		delete(v.IL, int32(i))
		delete(v.MM, s)
	}
	if len(v.BI) > n {
		clear(v.BI)
	}
	return v
}

// Every engine encodes maps of every size, around the largest that Go keeps
// in one group (8 entries), past one table's (1024), and after deletes, to bytes that decode to the
// value encoded, in as many bytes as EncodedSize says and as the reflect
// codec writes.
func TestMapsOfEverySize(t *testing.T) {
	engines := map[frugal.Engine]any{frugal.EngineReflect: &mapKindsReflect{}, frugal.EngineInterp: &mapKindsInterp{}}
	if jitHere {
		engines[frugal.EngineJIT] = &mapKindsJIT{}
	}
	for e, v := range engines {
		if err := frugal.Pretouch(v, frugal.WithEngine(e)); err != nil {
			t.Fatalf("%v: %v", e, err)
		}
	}
	repeats := 0 // maps whose directory lists a table more than once
	check := func(n int, holes bool) {
		want := newMapKinds(n, holes)
		if repeatsTables(unsafe.Pointer(&want.SS)) || repeatsTables(unsafe.Pointer(&want.SL)) {
			repeats++
		}
		oracle := make([]byte, frugal.EncodedSize((*mapKindsReflect)(want)))
		if _, err := frugal.EncodeObject(oracle, nil, (*mapKindsReflect)(want)); err != nil {
			t.Fatal(err)
		}
		for e := range engines {
			name := fmt.Sprintf("%v, %d entries, holes %v", e, n, holes)
			v := reflect.ValueOf(want).Convert(reflect.TypeOf(engines[e])).Interface()
			size := frugal.EncodedSize(v)
			buf := make([]byte, size)
			got, err := frugal.EncodeObject(buf, nil, v)
			if err != nil || got != size || size != len(oracle) {
				t.Errorf("%s: wrote %d of %d bytes, reflect %d: %v", name, got, size, len(oracle), err)
				continue
			}
			back := &mapKindsReflect{}
			if _, err := frugal.DecodeObject(buf, back); err != nil {
				t.Errorf("%s: decoding its bytes: %v", name, err)
				continue
			}
			if !mapKindsEqual((*mapKinds)(back), want) {
				t.Errorf("%s: decodes to another value", name)
			}
		}
	}
	// From 1500 entries on, a directory of several tables, some of them
	// listed twice while others have split.
	for _, n := range []int{0, 1, 2, 5, 7, 8, 9, 12, 40, 1500, 1800, 2100, 2600, 3400} {
		for _, holes := range []bool{false, true} {
			check(n, holes)
		}
	}
	// Which tables split depends on each map's random hash seed: more
	// maps until one lists a table twice.
	for try := 0; repeats == 0 && try < 100; try++ {
		check(1500+try*97%2000, try%2 == 0)
	}
	if repeats == 0 {
		t.Error("no map had a table listed twice in its directory: the sizes tried miss that case")
	}
}

// repeatsTables reports whether the directory of the map at slot lists a
// table for more than one of its entries (as gomap walks it).
func repeatsTables(slot unsafe.Pointer) bool {
	h := *(*unsafe.Pointer)(slot)
	dir, n := *(*unsafe.Pointer)(unsafe.Add(h, gomap.DirOff)), *(*int)(unsafe.Add(h, gomap.DirLenOff))
	for d := 1; d < n; d++ {
		if *(*unsafe.Pointer)(unsafe.Add(dir, uintptr(d)*gomap.PtrSize)) == *(*unsafe.Pointer)(unsafe.Add(dir, uintptr(d-1)*gomap.PtrSize)) {
			return true
		}
	}
	return false
}

// mapKindsEqual compares by value: LI's keys are pointers, new ones after
// decoding; nil elements of SL decode as empty structs, and IL's empty lists
// as empty slices.
func mapKindsEqual(a, b *mapKinds) bool {
	na, la := normalMapKinds(a)
	nb, lb := normalMapKinds(b)
	return reflect.DeepEqual(na, nb) && reflect.DeepEqual(la, lb)
}

// normalMapKinds returns a copy of v without LI, and LI by its keys' A.
func normalMapKinds(v *mapKinds) (mapKinds, map[int32]int32) {
	c := *v
	c.LI, c.SL, c.IL = nil, map[string]*mapLeaf{}, map[int32][]int32{}
	byA := map[int32]int32{}
	for k, x := range v.LI {
		byA[k.A] = x
	}
	for k, x := range v.SL {
		if x == nil {
			x = &mapLeaf{}
		}
		c.SL[k] = x
	}
	for k, x := range v.IL {
		c.IL[k] = append([]int32{}, x...)
	}
	return c, byA
}

// A map whose length disagrees with its entries (as one changed by another
// goroutine while it is encoded would) fails encoding with ErrInvalidValue:
// the programs count what they write against the header they wrote, and
// never read entries that are not there.
func TestMapChangedWhileEncoded(t *testing.T) {
	engines := map[frugal.Engine]func(*mapKinds) any{
		frugal.EngineReflect: func(v *mapKinds) any { return (*mapKindsReflect)(v) },
		frugal.EngineInterp:  func(v *mapKinds) any { return (*mapKindsInterp)(v) },
	}
	if jitHere {
		engines[frugal.EngineJIT] = func(v *mapKinds) any { return (*mapKindsJIT)(v) }
	}
	for e, as := range engines {
		if err := frugal.Pretouch(as(&mapKinds{}), frugal.WithEngine(e)); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{3, 20} { // walked by the program where it can, and by the driver
			for _, field := range []string{"SS", "IB", "SL", "LI"} {
				v := newMapKinds(n, false)
				m := reflect.ValueOf(v).Elem().FieldByName(field)
				used := (*uint64)(m.UnsafePointer()) // the header's first word: its length
				buf := make([]byte, frugal.EncodedSize(as(v))+64)
				*used++
				_, err := frugal.EncodeObject(buf, nil, as(v))
				*used--
				if !errors.Is(err, frugal.ErrInvalidValue) {
					t.Errorf("%v, %s of %d entries counting one more: %v, want ErrInvalidValue", e, field, n, err)
				}
			}
		}
	}
}
