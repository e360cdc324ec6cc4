// Package gomap holds what SSA programs assume of the memory of Go's maps,
// and checks it on the running Go before any program relies on it.
//
// Programs read two things of a map. Its length, the first word of its
// header, as Go's compiler reads it for len. And, where the map is small
// (at most GroupSlots entries, kept by Go 1.24 and later in one group that
// the header points to), the group itself: a control word with one byte
// per slot, whose high bit is clear where the slot is full, then the keys
// and elements. Walking that group costs a few loads per slot, where Go's
// iteration costs a random start, an iterator and a call per entry, and an
// exit from generated code to do it costs a return to Go and back.
//
// The group's layout is the compiler's (cmd/compile's MapGroupType):
// interleaved key/element slots, or, under GOEXPERIMENT=mapsplitgroup,
// all keys then all elements. Verify probes maps of several shapes to find
// which holds; where neither does (another map implementation, as Go 1.24
// under GOEXPERIMENT=noswissmap), Small reports no layout and programs
// take the driver's way for every map.
package gomap

import (
	"reflect"
	"unsafe"
)

// header mirrors the start of internal/runtime/maps.Map, the part programs
// read: the offsets come from it, so they follow the platform's word size.
type header struct {
	used   uint64         // the number of entries: len
	_      uintptr        // the hash seed
	dirPtr unsafe.Pointer // a small map's group; else its directory of tables
	dirLen int            // 0 for a small map
}

// Offsets in a map's header.
const (
	UsedOff   = unsafe.Offsetof(header{}.used)
	GroupOff  = unsafe.Offsetof(header{}.dirPtr)
	DirLenOff = unsafe.Offsetof(header{}.dirLen)
)

// GroupSlots is the number of slots in a group, and the most entries a
// small map holds.
const GroupSlots = 8

// SlotFull tells a control byte's slot full: the byte is below it (empty
// and deleted slots have the high bit set).
const SlotFull = 0x80

// maxInline is the largest key or element a group holds in place; larger
// ones are stored behind pointers (abi.MapMaxKeyBytes, MapMaxElemBytes),
// and programs leave such maps to the driver.
const maxInline = 128

// A Layout places the entries of a small map's group: slot i's key is at
// KeysOff + i*KeyStride from the group's start, its element at ElemsOff +
// i*ElemStride, and its control byte at i.
type Layout struct {
	KeysOff, KeyStride, ElemsOff, ElemStride uintptr
}

// Small returns the layout of the groups of small maps of type t (a map
// type), where Verify found how Go lays them out on this runtime and the
// keys and elements are held in place.
func Small(t reflect.Type) (Layout, bool) {
	rule := verified()
	k, e := t.Key(), t.Elem()
	if rule == nil || !inline(k) || !inline(e) {
		return Layout{}, false
	}
	return rule(k.Size(), uintptr(k.Align()), e.Size(), uintptr(e.Align())), true
}

func inline(t reflect.Type) bool { return t.Size() > 0 && t.Size() <= maxInline }

// A rule computes a group's layout from the sizes and alignments of its
// keys and elements.
type rule func(kSize, kAlign, eSize, eAlign uintptr) Layout

// ctrlSize is the size of the control word that starts a group.
const ctrlSize = 8

func roundUp(n, align uintptr) uintptr { return (n + align - 1) &^ (align - 1) }

// interleaved lays a group out as Go does by default: a control word, then
// slots of struct{ key K; elem E }.
func interleaved(kSize, kAlign, eSize, eAlign uintptr) Layout {
	elemOff := roundUp(kSize, eAlign)
	slot := roundUp(elemOff+eSize, max(kAlign, eAlign))
	start := roundUp(ctrlSize, max(kAlign, eAlign))
	return Layout{KeysOff: start, KeyStride: slot, ElemsOff: start + elemOff, ElemStride: slot}
}

// split lays a group out as GOEXPERIMENT=mapsplitgroup does: a control
// word, then [GroupSlots]K, then [GroupSlots]E.
func split(kSize, kAlign, eSize, eAlign uintptr) Layout {
	keys := roundUp(ctrlSize, kAlign)
	elems := roundUp(keys+GroupSlots*kSize, eAlign)
	return Layout{KeysOff: keys, KeyStride: kSize, ElemsOff: elems, ElemStride: eSize}
}
