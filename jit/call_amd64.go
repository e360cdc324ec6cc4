package jit

import "unsafe"

// call runs the generated function at fn with the context address in RDI
// and returns what it leaves in RAX. The function must be a leaf that
// preserves RSP and RBP and returns with RET; it may use every other
// general-purpose register.
//
//go:noescape
func call(fn uintptr, ctx unsafe.Pointer) uint64

// Call runs the function at fn (an address from Code.Addr) on the context
// at ctx and returns its exit code. The caller keeps ctx, and everything
// the function reaches through it, alive across the call.
func Call(fn uintptr, ctx unsafe.Pointer) uint64 { return call(fn, ctx) }
