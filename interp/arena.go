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

// MinChunk is the size of the chunk an arena starts with (see Arena.Fill).
const MinChunk = minChunk

// Arena is what decode programs carve from: the next free address and the
// end of a chunk of pointer-free memory (the two words programs read and
// write at the address they take, see ssa.BuildDecode), and the chunk
// itself. The words are integers to the GC; chunk keeps the memory alive
// while the arena has room in it (and, once carved, the strings that point
// into it do).
type Arena struct {
	next, end uint64
	chunk     unsafe.Pointer
}

// Addr returns the address decode programs take as their arena argument.
// It stays valid as long as a does.
func (a *Arena) Addr() uint64 { return uint64(uintptr(unsafe.Pointer(a))) }

// Free returns the addresses of a's first free byte and of the end of its
// chunk.
func (a *Arena) Free() (next, end uint64) { return a.next, a.end }

// Fill gives a a new chunk of size bytes, all of it free.
func (a *Arena) Fill(size int) { a.take(size, 0) }

// take gives a a new chunk of size bytes whose first n bytes are taken,
// and returns their address.
func (a *Arena) take(size, n int) unsafe.Pointer {
	p := unzeroed(size)
	a.chunk = p
	a.next, a.end = uint64(uintptr(p))+uint64(n), uint64(uintptr(p))+uint64(size)
	return p
}

// ArenaAddr returns the address of the arena decode programs take as an
// argument. It stays valid as long as the driver does.
func (dr *driver) ArenaAddr() uint64 { return dr.arena.Addr() }

// Refill serves ExitAllocBytes for a when n bytes fit a chunk: they come
// from a new chunk, whose rest becomes a's. A call's chunks double, up to
// maxChunk (chunkLen is the size of the call's last, 0 before its first).
// For n above a quarter chunk it returns nil, and a's room stays for the
// strings after: the caller allocates those bytes apart, and keeps them
// alive until the program has stored them. Nothing is zeroed: every byte
// handed out is written before it is read.
func (a *Arena) Refill(n int, chunkLen *int) unsafe.Pointer {
	size := min(max(2**chunkLen, minChunk), maxChunk)
	if n > size/4 {
		return nil
	}
	*chunkLen = size
	return a.take(size, n)
}

// allocBytes serves ExitAllocBytes on the driver's arena (see Refill).
func (dr *driver) allocBytes(n int) unsafe.Pointer {
	if p := dr.arena.Refill(n, &dr.chunkLen); p != nil {
		return p
	}
	p := unzeroed(n)
	dr.keepPtrs = append(dr.keepPtrs, p)
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
