package gomap

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// Go 1.24 and later keep small maps in one group, as this package reads
// them: the toolchains CI runs (1.24 to 1.27) must all verify.
// With FRUGAL_MAPWALK=off, Verify says so and verifies nothing.
func TestVerify(t *testing.T) {
	name, err := Verify()
	if os.Getenv(offEnv) == "off" {
		if err == nil || !strings.Contains(err.Error(), offEnv) {
			t.Fatalf("%s=off, and Verify says %q, %v", offEnv, name, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("small maps: %s", name)
}

func TestCheckHeader(t *testing.T) {
	if err := CheckHeader(); err != nil {
		t.Fatal(err)
	}
}

// A rule that is not Go's fails the probes: they can tell layouts apart.
func TestProbesRejectWrongLayouts(t *testing.T) {
	wrong := map[string]rule{
		"keys one slot late": func(ks, ka, es, ea uintptr) Layout {
			l := interleaved(ks, ka, es, ea)
			l.KeysOff += l.KeyStride
			l.ElemsOff += l.ElemStride
			return l
		},
		"elements at the keys": func(ks, ka, es, ea uintptr) Layout {
			l := interleaved(ks, ka, es, ea)
			l.ElemsOff = l.KeysOff
			return l
		},
	}
	name, _, err := findRule()
	if err != nil {
		t.Fatal(err)
	}
	if name == "interleaved" {
		wrong["split"] = split
	} else {
		wrong["interleaved"] = interleaved
	}
	for what, r := range wrong {
		if err := probeAll(r, smallSizes); err == nil {
			t.Errorf("%s: the probes found no fault", what)
		}
	}
	// Groups closer together than Go's pass the small maps (one group
	// each) and fail the large ones.
	close := func(ks, ka, es, ea uintptr) Layout {
		l := interleaved(ks, ka, es, ea)
		if name == "split" {
			l = split(ks, ka, es, ea)
		}
		l.GroupSize -= 8
		return l
	}
	if err := probeAll(close, smallSizes); err != nil {
		t.Errorf("small maps: %v", err)
	}
	if err := probeAll(close, largeSizes); err == nil {
		t.Error("groups 8 bytes too close: the probes of large maps found no fault")
	}
}

type big [129]byte // too large for a group to hold in place

func TestWalk(t *testing.T) {
	if _, err := Verify(); err != nil {
		if _, ok := Walk(reflect.TypeFor[map[int8]string]()); ok {
			t.Fatalf("a layout, where Verify says %v", err)
		}
		return
	}
	l, ok := Walk(reflect.TypeFor[map[int8]string]())
	if !ok {
		t.Fatal("no layout for map[int8]string")
	}
	if name, _ := Verify(); name == "interleaved" {
		// struct{ key int8; elem string }: the string at 8, slots of 24.
		if want := (Layout{KeysOff: 8, KeyStride: 24, ElemsOff: 16, ElemStride: 24, GroupSize: 200}); unsafe.Sizeof(uintptr(0)) == 8 && l != want {
			t.Errorf("layout %+v, want %+v", l, want)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[map[big]int](), reflect.TypeFor[map[int]big](), reflect.TypeFor[map[int]struct{}]()} {
		if _, ok := Walk(typ); ok {
			t.Errorf("%v: a layout, but its keys or elements are not held in place", typ)
		}
	}
	restore := disableWalk()
	_, ok = Walk(reflect.TypeFor[map[int8]string]())
	restore()
	if ok {
		t.Error("disableWalk left Walk on")
	}
}
