package interp

import "unsafe"

// sink holds nothing: Escape's assignment to it is never made.
var sink struct {
	never bool
	p     unsafe.Pointer
}

// Escape makes what p points to live on the heap, as escape analysis sees
// p stored in a global. The interpreter and generated code hold p as an
// integer while Go code runs (exits, the interpreter itself), during which
// a goroutine's stack may move: p must never point into a stack. The cost
// is a load and a branch.
func Escape(p unsafe.Pointer) {
	if sink.never {
		sink.p = p
	}
}
