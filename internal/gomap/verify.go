package gomap

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/frugaljit/frugal/internal/gorelease"
)

// CheckHeader verifies, once, that a map's length is the first word of its
// header, read there as Go's compiler reads it for len. Engines that run
// SSA programs are unavailable where it fails.
var CheckHeader = sync.OnceValue(func() error {
	m := map[int64]string{}
	for i := range int64(40) { // past the first group, into a table
		m[i] = ""
		if i%3 == 0 {
			delete(m, i/2)
		}
		if got := *(*uint64)(unsafe.Add(*(*unsafe.Pointer)(unsafe.Pointer(&m)), UsedOff)); got != uint64(len(m)) {
			return fmt.Errorf("a map of %d entries has %d in its header's first word", len(m), got)
		}
	}
	return nil
})

// Verify reports which layout of small maps' groups holds on this runtime,
// or why none does: then Walk reports no layout.
func Verify() (string, error) {
	if verified() == nil {
		return "", verifyErr
	}
	return verifiedName, nil
}

// offEnv, set to "off", keeps programs from walking maps themselves: every
// map goes through the driver, as where no layout is verified. It is for
// running the tests that way, and a way out should a Go release change its
// maps in a way the probes miss.
const offEnv = "FRUGAL_MAPWALK"

// disabled turns Walk off; see disableWalk.
var disabled atomic.Bool

// disableWalk makes Walk report no layout until restore runs, for tests of
// the way every map takes where no layout is verified: the driver's.
// Programs built meanwhile keep the way they were built with.
func disableWalk() (restore func()) {
	disabled.Store(true)
	return func() { disabled.Store(false) }
}

var (
	verifyOnce   sync.Once
	verifiedRule rule
	verifiedName string
	verifyErr    error
)

// verified returns the rule that Verify found, or nil.
func verified() rule {
	verifyOnce.Do(func() {
		if os.Getenv(offEnv) == "off" {
			verifyErr = errors.New(offEnv + "=off: maps go through the driver")
			return
		}
		if verifyErr = CheckHeader(); verifyErr != nil {
			return
		}
		verifiedName, verifiedRule, verifyErr = findRule()
	})
	if disabled.Load() {
		return nil
	}
	return verifiedRule
}

// findRule tries each known layout on probe maps. Probes whose keys and
// elements are of one alignment and whole multiples of it come first: both
// layouts give their groups the same size, so reading by the wrong one
// stays inside the group; the others check the padding once the layout is
// known. Small maps come first, one group each; large maps, whose tables
// the probes follow through pointers, only on releases whose tables this
// package was checked against, and once small maps matched.
func findRule() (string, rule, error) {
	if err := gorelease.Running(); err != nil {
		return "", nil, fmt.Errorf("maps go through the driver: %v", err)
	}
	rules := []struct {
		name string
		r    rule
	}{{"interleaved", interleaved}, {"split", split}}
	var errs []error
	for _, c := range rules {
		err := probeAll(c.r, smallSizes)
		if err == nil {
			err = probeAll(c.r, largeSizes)
		}
		if err == nil {
			return c.name, c.r, nil
		}
		errs = append(errs, fmt.Errorf("not %s: %w", c.name, err))
	}
	return "", nil, fmt.Errorf("maps are not laid out as this package knows (%v); they go through the driver", errs)
}

// The sizes of probe maps: small ones, each size that fits one group, and
// large ones, from one table of a few groups to a directory of several
// tables.
var (
	smallSizes = []int{1, 2, 3, 4, 5, 6, 7, 8}
	largeSizes = []int{9, 17, 100, 3000}
)

func probeAll(r rule, sizes []int) error {
	ints := func(i int) int64 { return int64(i)*7919 + 1 }
	strs := func(i int) string { return "key" + strconv.Itoa(i) }
	x := new(int)
	for _, p := range []func(rule, []int) error{
		// Same size either way.
		probe(ints, ints),
		probe(ints, strs),
		probe(strs, ints),
		probe(strs, strs),
		probe(func(i int) int32 { return int32(i) + 1 }, func(i int) int32 { return -int32(i) }),
		// Padding.
		probe(func(i int) int8 { return int8(i) }, ints),
		probe(func(i int) int32 { return int32(i) }, func(i int) bool { return i%2 == 0 }),
		probe(func(i int) int16 { return int16(i) }, strs),
		probe(func(i int) float64 { return float64(i) + 0.5 }, func(i int) int8 { return int8(i) }),
		probe(strs, func(i int) []byte { return []byte(strs(i)) }),
		probe(func(i int) int32 { return int32(i) }, func(i int) []byte { return make([]byte, i%7) }),
		probe(strs, func(i int) *int { return x }),
		probe(func(i int) *int { return new(int) }, func(i int) int16 { return int16(i) }),
	} {
		if err := p(r, sizes); err != nil {
			return err
		}
	}
	return nil
}

// probe returns a check that fills maps[K]E of each size (key(i) ->
// elem(i)), deletes some entries, and finds the entries by layout r as
// programs do (each), comparing memory word for word: nothing read from a
// group is used as a pointer, so a wrong layout fails the check, and the
// pointers followed (directory, tables) are checked first on small maps.
// Keys of one size must be distinct (int8 keys: fewer than 256).
func probe[K comparable, E any](key func(int) K, elem func(int) E) func(rule, []int) error {
	return func(r rule, sizes []int) error {
		var k K
		var e E
		l := r(unsafe.Sizeof(k), unsafe.Alignof(k), unsafe.Sizeof(e), unsafe.Alignof(e))
		for _, n := range sizes {
			if unsafe.Sizeof(k) == 1 && n > 200 {
				continue // not as many distinct keys
			}
			keys, elems := make([]K, n), make([]E, n)
			m := make(map[K]E)
			for i := range n {
				keys[i], elems[i] = key(i), elem(i)
				m[keys[i]] = elems[i]
			}
			if len(m) != n {
				return fmt.Errorf("probe keys collide in a map[%T]%T", k, e)
			}
			if err := matches(l, unsafe.Pointer(&m), keys, elems, nil); err != nil {
				return fmt.Errorf("map[%T]%T of %d: %w", k, e, n, err)
			}
			gone := map[int]bool{}
			for i := 0; i < n; i += 3 {
				delete(m, keys[i])
				gone[i] = true
			}
			if err := matches(l, unsafe.Pointer(&m), keys, elems, gone); err != nil {
				return fmt.Errorf("map[%T]%T of %d after deletes: %w", k, e, n, err)
			}
			runtime.KeepAlive(m)
		}
		return nil
	}
}

// matches checks that the map at slot holds exactly keys[i] -> elems[i] for
// the i not gone, where each finds them by layout l.
func matches[K comparable, E any](l Layout, slot unsafe.Pointer, keys []K, elems []E, gone map[int]bool) error {
	h := *(**header)(slot)
	want := len(keys) - len(gone)
	if h.used != uint64(want) || h.dirPtr == nil || (h.dirLen == 0) != (len(keys) <= GroupSlots) {
		return fmt.Errorf("header: %d entries (want %d), directory of %d at %p", h.used, want, h.dirLen, h.dirPtr)
	}
	index := make(map[string]int, len(keys))
	for j := range keys {
		if !gone[j] {
			index[memory(unsafe.Pointer(&keys[j]), unsafe.Sizeof(keys[j]))] = j
		}
	}
	found := map[int]bool{}
	var err error
	each(l, slot, func(kp, ep unsafe.Pointer) bool {
		i, ok := index[memory(kp, unsafe.Sizeof(keys[0]))]
		switch {
		case !ok || found[i]:
			err = errors.New("a full slot holds no key put in, or one twice")
		case memory(ep, unsafe.Sizeof(elems[0])) != memory(unsafe.Pointer(&elems[i]), unsafe.Sizeof(elems[i])):
			err = fmt.Errorf("key %d is found without its element", i)
		}
		found[i] = true
		return err == nil
	})
	if err == nil && len(found) != want {
		err = fmt.Errorf("found %d of %d entries", len(found), want)
	}
	return err
}

// memory is the n bytes at p.
func memory(p unsafe.Pointer, n uintptr) string { return string(unsafe.Slice((*byte)(p), n)) }

// each calls f with the addresses of the key and the element of each entry
// of the map with entries at slot, by layout l, until f returns false: the
// walk SSA programs make, in Go, for the probes and for tests.
func each(l Layout, slot unsafe.Pointer, f func(k, e unsafe.Pointer) bool) {
	h := *(**header)(slot)
	tables := max(h.dirLen, 1)
	for d := range tables {
		groups, slots := h.dirPtr, uintptr(GroupSlots) // a small map: one group
		if h.dirLen > 0 {
			t := *(**table)(unsafe.Add(h.dirPtr, uintptr(d)*PtrSize))
			if d > 0 && t == *(**table)(unsafe.Add(h.dirPtr, uintptr(d-1)*PtrSize)) {
				continue // the table the entry before serves
			}
			groups, slots = t.groups, uintptr(t.lengthMask+1)*GroupSlots
		}
		for i := range slots {
			g, s := unsafe.Add(groups, i/GroupSlots*l.GroupSize), i%GroupSlots
			if *(*byte)(unsafe.Add(g, s)) >= SlotFull {
				continue
			}
			if !f(unsafe.Add(g, l.KeysOff+s*l.KeyStride), unsafe.Add(g, l.ElemsOff+s*l.ElemStride)) {
				return
			}
		}
	}
}

// PtrSize is the size of a directory entry, a pointer to a table.
const PtrSize = unsafe.Sizeof(uintptr(0))
