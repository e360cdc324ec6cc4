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
// or why none does: then Small reports no layout.
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

// disabled turns Small off; see DisableSmall.
var disabled atomic.Bool

// DisableSmall makes Small report no layout until restore runs, for tests
// of the way every map takes where no layout is verified: the driver's.
// Programs built meanwhile keep the way they were built with.
func DisableSmall() (restore func()) {
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
// known.
func findRule() (string, rule, error) {
	rules := []struct {
		name string
		r    rule
	}{{"interleaved", interleaved}, {"split", split}}
	var errs []error
	for _, c := range rules {
		err := probeAll(c.r)
		if err == nil {
			return c.name, c.r, nil
		}
		errs = append(errs, fmt.Errorf("not %s: %w", c.name, err))
	}
	return "", nil, fmt.Errorf("small maps are not laid out as this package knows (%v); maps go through the driver", errs)
}

func probeAll(r rule) error {
	ints := func(i int) int64 { return int64(i)*7919 + 1 }
	strs := func(i int) string { return "key" + strconv.Itoa(i) }
	x := new(int)
	for _, p := range []func(rule) error{
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
		probe(func(i int) int32 { return int32(i) }, func(i int) []byte { return make([]byte, i) }),
		probe(strs, func(i int) *int { return x }),
		probe(func(i int) *int { return new(int) }, func(i int) int16 { return int16(i) }),
	} {
		if err := p(r); err != nil {
			return err
		}
	}
	return nil
}

// probe returns a check that fills maps[K]E of 1 to GroupSlots entries
// (key(i) -> elem(i)), deletes some, and finds the entries in the group by
// layout r, comparing memory word for word: nothing read is used as a
// pointer, so a wrong layout fails the check and never faults.
func probe[K comparable, E any](key func(int) K, elem func(int) E) func(rule) error {
	return func(r rule) error {
		var k K
		var e E
		l := r(unsafe.Sizeof(k), unsafe.Alignof(k), unsafe.Sizeof(e), unsafe.Alignof(e))
		for n := 1; n <= GroupSlots; n++ {
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

// matches checks that the small map at slot holds exactly keys[i] ->
// elems[i] for the i not gone, where layout l finds them.
func matches[K comparable, E any](l Layout, slot unsafe.Pointer, keys []K, elems []E, gone map[int]bool) error {
	h := *(**header)(slot)
	want := len(keys) - len(gone)
	if h.used != uint64(want) || h.dirLen != 0 || h.dirPtr == nil {
		return fmt.Errorf("header: %d entries (want %d), directory of %d at %p", h.used, want, h.dirLen, h.dirPtr)
	}
	found := map[int]bool{}
	for s := range uintptr(GroupSlots) {
		if *(*byte)(unsafe.Add(h.dirPtr, s)) >= SlotFull {
			continue
		}
		kp, ep := unsafe.Add(h.dirPtr, l.KeysOff+s*l.KeyStride), unsafe.Add(h.dirPtr, l.ElemsOff+s*l.ElemStride)
		i := -1
		for j := range keys {
			if !gone[j] && sameMemory(kp, unsafe.Pointer(&keys[j]), unsafe.Sizeof(keys[j])) {
				i = j
			}
		}
		if i < 0 || found[i] {
			return fmt.Errorf("slot %d holds no key put in, or one twice", s)
		}
		if !sameMemory(ep, unsafe.Pointer(&elems[i]), unsafe.Sizeof(elems[i])) {
			return fmt.Errorf("slot %d holds key %d without its element", s, i)
		}
		found[i] = true
	}
	if len(found) != want {
		return fmt.Errorf("found %d of %d entries", len(found), want)
	}
	return nil
}

func sameMemory(p, q unsafe.Pointer, n uintptr) bool {
	return string(unsafe.Slice((*byte)(p), n)) == string(unsafe.Slice((*byte)(q), n))
}
