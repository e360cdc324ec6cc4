package interp

import (
	"reflect"
	"unsafe"
)

// unsafeNewArray is the runtime's allocation of n zeroed values of a type
// (what reflect.MakeSlice does underneath), which the runtime lets
// packages reach by this name (go.dev/issue/67401).
//
//go:linkname unsafeNewArray reflect.unsafe_NewArray
//go:noescape
func unsafeNewArray(typ unsafe.Pointer, n int) unsafe.Pointer

// newArray returns n zeroed values of type t, in one allocation and
// nothing more (reflect.MakeSlice also allocates the slice header it
// returns).
func newArray(t reflect.Type, n int) unsafe.Pointer {
	return unsafeNewArray((*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1], n)
}
