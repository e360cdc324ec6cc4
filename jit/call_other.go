//go:build !amd64

package jit

import "unsafe"

// Call is not available on this architecture yet.
func Call(fn uintptr, ctx unsafe.Pointer) uint64 { panic(ErrUnsupported) }

const freshWords = 0

// CallFresh is not available on this architecture yet.
func CallFresh(fn uintptr, a0, a1, a2, a3 uint64) (code, result uint64) { panic(ErrUnsupported) }

func callFreshPoisoned(fn uintptr, a0, a1, a2, a3, poison uint64) (code, result uint64) {
	panic(ErrUnsupported)
}

func gcWriteBarrierEntry() uintptr { return 0 }

func callFreshDecode(fn uintptr, p, in, inLen, arena uint64) (code, result uint64) {
	panic(ErrUnsupported)
}
