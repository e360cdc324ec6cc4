package interp

import (
	"strings"
	"unsafe"
)

// The pointer-free chunks decode programs carve string bytes (and scalar
// lists) from: one allocation serves many values, at the price of a chunk
// staying alive while any value carved from it does (the reflect codec
// makes the same trade). A call's first chunk is small; each refill in the
// same call doubles it, up to the largest, so that a large message takes
// few refills (each an exit and an allocation) and a small one keeps
// little memory alive.
const (
	minChunk = 4 << 10
	maxChunk = 64 << 10
)

// arena is what decode programs carve from: the next free address and the
// end of the driver's current chunk. They are integers to the GC; the
// chunk stays alive through the driver (and, once carved, through the
// strings that point into it).
type arena struct {
	next, end uint64
}

// ArenaAddr returns the address of the arena decode programs take as an
// argument. It stays valid as long as the driver does.
func (dr *driver) ArenaAddr() uint64 { return uint64(uintptr(unsafe.Pointer(&dr.arena))) }

// allocBytes serves ExitAllocBytes: n bytes from a fresh chunk, whose rest
// becomes the arena, or, for n above a quarter chunk, bytes of their own
// (the arena keeps its room for the strings after). Neither is zeroed:
// every byte handed out is written before it is read.
func (dr *driver) allocBytes(n int) unsafe.Pointer {
	size := min(max(2*dr.chunkLen, minChunk), maxChunk)
	if n > size/4 {
		p := unzeroed(n)
		dr.keepPtrs = append(dr.keepPtrs, p)
		return p
	}
	dr.chunkLen = size
	p := unzeroed(size)
	dr.chunk = p
	dr.arena = arena{next: uint64(uintptr(p)) + uint64(n), end: uint64(uintptr(p)) + uint64(size)}
	return p
}

// unzeroed returns n bytes of pointer-free memory that Go does not clear
// first (every byte carved from it is overwritten before it is read):
// strings.Builder grows its buffer that way.
func unzeroed(n int) unsafe.Pointer {
	var b strings.Builder
	b.Grow(n)
	b.WriteByte(0) // a string of one byte shows where the buffer starts
	return unsafe.Pointer(unsafe.StringData(b.String()))
}
