// Package gomap holds what SSA programs assume of the memory of Go's maps,
// and checks it on the running Go before any program relies on it.
//
// Programs read two things of a map. Its length, the first word of its
// header, as Go's compiler reads it for len. And its entries, where Go 1.24
// and later keep them: a small map (at most GroupSlots entries) in one group
// that the header points to; a larger one in tables, which a directory
// lists (a table as many times over as the directory's entries it serves,
// consecutively), each an array of groups. A group is a control word with
// one byte per slot, whose high bit is clear where the slot is full, then
// the keys and elements. Walking the groups costs a few loads per slot,
// where Go's iteration costs a random start, an iterator and a call per
// entry, and an exit from generated code to do it a return to Go and back.
//
// The group's layout is the compiler's (cmd/compile's MapGroupType):
// interleaved key/element slots, or, under GOEXPERIMENT=mapsplitgroup,
// all keys then all elements. Verify probes maps of several shapes and
// sizes to find which holds; where neither does (another map
// implementation, as Go 1.24 under GOEXPERIMENT=noswissmap), Walk reports
// no layout and programs take the driver's way for every map.
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

// table mirrors the start of internal/runtime/maps.table.
type table struct {
	_, _, _    uint16 // used, capacity, growthLeft
	_          uint8  // localDepth
	_          int    // index
	groups     unsafe.Pointer
	lengthMask uint64 // the number of groups, less one
}

// Offsets in a map's header and in a table.
const (
	UsedOff        = unsafe.Offsetof(header{}.used)
	DirOff         = unsafe.Offsetof(header{}.dirPtr)
	DirLenOff      = unsafe.Offsetof(header{}.dirLen)
	TableGroupsOff = unsafe.Offsetof(table{}.groups)
	TableMaskOff   = unsafe.Offsetof(table{}.lengthMask)
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

// A Layout places the entries of a map's groups: slot i's key is at
// KeysOff + i*KeyStride from the group's start, its element at ElemsOff +
// i*ElemStride, and its control byte at i; a table's groups follow each
// other GroupSize bytes apart.
type Layout struct {
	KeysOff, KeyStride, ElemsOff, ElemStride, GroupSize uintptr
}

// Walk returns the layout of the groups of maps of type t (a map type),
// where Verify found how Go lays them out on this runtime and the keys and
// elements are held in place.
func Walk(t reflect.Type) (Layout, bool) {
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
	align := max(kAlign, eAlign, ctrlAlign)
	elemOff := roundUp(kSize, eAlign)
	slot := roundUp(elemOff+eSize, max(kAlign, eAlign))
	start := roundUp(ctrlSize, max(kAlign, eAlign))
	return Layout{KeysOff: start, KeyStride: slot, ElemsOff: start + elemOff, ElemStride: slot,
		GroupSize: roundUp(start+GroupSlots*slot, align)}
}

// split lays a group out as GOEXPERIMENT=mapsplitgroup does: a control
// word, then [GroupSlots]K, then [GroupSlots]E.
func split(kSize, kAlign, eSize, eAlign uintptr) Layout {
	keys := roundUp(ctrlSize, kAlign)
	elems := roundUp(keys+GroupSlots*kSize, eAlign)
	return Layout{KeysOff: keys, KeyStride: kSize, ElemsOff: elems, ElemStride: eSize,
		GroupSize: roundUp(elems+GroupSlots*eSize, max(kAlign, eAlign, ctrlAlign))}
}

// ctrlAlign is the alignment of the control word, a uint64.
const ctrlAlign = unsafe.Alignof(uint64(0))
