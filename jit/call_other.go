//go:build !amd64

package jit

import "unsafe"

// Call is not available on this architecture yet.
func Call(fn uintptr, ctx unsafe.Pointer) uint64 { panic(ErrUnsupported) }
