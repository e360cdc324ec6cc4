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

// freshWords is the length of CallFresh's context.
const freshWords = 256

// CallFresh runs the function at fn with arguments a0 to a3 (and 0 as a
// fifth) on a context in the assembly's own frame, which nobody zeroes,
// and returns its exit code and, if that is backend.ExitReturn, its
// result. After an exit the context is gone: the caller runs the function
// again from the start, on a context of its own. The caller keeps alive
// what the arguments point to, which the code holds as integers. It is
// exported for the API's fast path (see Codec.FreshEncode). Built with
// the frugalpoison tag, it poisons the context first (see poisonContexts);
// otherwise it inlines to the assembly call.
func CallFresh(fn uintptr, a0, a1, a2, a3 uint64) (code, result uint64) {
	if poisonContexts {
		return callFreshPoisoned(fn, a0, a1, a2, a3, nextPoison())
	}
	return callFresh(fn, a0, a1, a2, a3)
}

//go:noescape
func callFresh(fn uintptr, a0, a1, a2, a3 uint64) (code, result uint64)

// callFreshPoisoned is CallFresh with the context's other words filled
// with poison first, for tests.
//
//go:noescape
func callFreshPoisoned(fn uintptr, a0, a1, a2, a3, poison uint64) (code, result uint64)

// callFreshDecode is CallFresh for a top-level decode program (see
// Codec.Decode): it runs fn on a context in the assembly's own frame with
// the arguments p, in, inLen, position 0, depth 0 and arena.
func callFreshDecode(fn uintptr, p, in, inLen, arena uint64) (code, result uint64) {
	if poisonContexts {
		return callFreshDecodePoisoned(fn, p, in, inLen, arena, nextPoison())
	}
	return callFreshDecodeRaw(fn, p, in, inLen, arena)
}

//go:noescape
func callFreshDecodeRaw(fn uintptr, p, in, inLen, arena uint64) (code, result uint64)

//go:noescape
func callFreshDecodePoisoned(fn uintptr, p, in, inLen, arena, poison uint64) (code, result uint64)
