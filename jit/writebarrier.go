package jit

import (
	"unsafe"
	_ "unsafe" // go:linkname
)

// writeBarrier is the runtime's flag word, the same declaration on Go 1.24
// through 1.27 (runtime/mgc.go): enabled is non-zero while the GC needs
// the write barrier. The runtime marks it linkname-able for code like this.
//
//go:linkname writeBarrier runtime.writeBarrier
var writeBarrier struct {
	enabled bool
	pad     [3]byte
	alignme uint64
}

// writeBarrierFlag is the address generated pointer stores test.
func writeBarrierFlag() uintptr { return uintptr(unsafe.Pointer(&writeBarrier.enabled)) }
