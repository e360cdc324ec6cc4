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
	return unsafeNewArray(rtype(t), n)
}

// unsafeNew is the runtime's allocation of one zeroed value of a type
// (what reflect.New does underneath), reachable by this name as
// unsafeNewArray is.
//
//go:linkname unsafeNew reflect.unsafe_New
//go:noescape
func unsafeNew(typ unsafe.Pointer) unsafe.Pointer

// newValue returns a new zeroed value of type t. reflect.New also builds
// the Value of its pointer type, which looks that type up (a map access,
// for a type with no pointer type compiled in): a tenth of the cost of a
// nested struct's exit in a small decode.
func newValue(t reflect.Type) unsafe.Pointer { return unsafeNew(rtype(t)) }

// rtype is the runtime type a reflect.Type holds in its data word.
func rtype(t reflect.Type) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1] }
