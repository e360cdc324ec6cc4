#include "textflag.h"

// The fresh calls' context is the frame itself: FRESH_HEADER sets its
// header (backend.CtxResume 0: start the function; backend.CtxG), and
// FRESH_POISON first fills all 256 words with the value in AX.
#define FRESH_HEADER \
	MOVQ $0, 0(SP); \
	MOVQ (TLS), R8; \
	MOVQ R8, 16(SP)

#define FRESH_POISON \
	MOVQ SP, DI; \
	MOVQ $256, CX; \
	CLD; \
	REP; STOSQ

// FRESH_CALL calls the function whose address is in AX on the context,
// and leaves its exit code in AX and its result (backend.CtxResult) in BX.
#define FRESH_CALL \
	MOVQ SP, DI; \
	CALL AX; \
	MOVQ 8(SP), BX

// func call(fn uintptr, ctx unsafe.Pointer) uint64
// A frame of its own, so the stack check in the prologue makes each entry
// a point where the goroutine can be preempted. The running goroutine's g
// goes into the context's word 2 (backend.CtxG), where generated code reads
// g.stackguard0 to learn that the runtime wants the goroutine stopped.
TEXT ·call(SB), 0, $8-24
	MOVQ fn+0(FP), AX
	MOVQ ctx+8(FP), DI
	MOVQ (TLS), R8
	MOVQ R8, 16(DI)
	CALL AX
	MOVQ AX, ret+16(FP)
	RET

// func gStack() (lo, hi, guard uintptr)
// The running goroutine's g.stack.lo, g.stack.hi and g.stackguard0: the
// words generated code relies on, for the start-up self-check.
TEXT ·gStack(SB), NOSPLIT, $0-24
	MOVQ (TLS), AX
	MOVQ 0(AX), BX
	MOVQ BX, lo+0(FP)
	MOVQ 8(AX), BX
	MOVQ BX, hi+8(FP)
	MOVQ 16(AX), BX
	MOVQ BX, guard+16(FP)
	RET

// func callFresh(fn uintptr, a0, a1, a2, a3 uint64) (code, result uint64)
// CallFresh's call: runs fn on a context of freshWords (256) words in this
// frame. Go does not zero an assembly frame, and generated code entered afresh reads only the
// header and the arguments written here (TestFreshContextPoisoned), so a
// call that returns without an exit costs no zeroing. An exit ends the
// call: the context dies with the frame, and the caller runs the function
// again on a context that survives exits.
TEXT ·callFresh(SB), 0, $2048-56
	FRESH_HEADER
	MOVQ a0+8(FP), AX
	MOVQ AX, 24(SP)  // backend.CtxArgs
	MOVQ a1+16(FP), AX
	MOVQ AX, 32(SP)
	MOVQ a2+24(FP), AX
	MOVQ AX, 40(SP)
	MOVQ a3+32(FP), AX
	MOVQ AX, 48(SP)
	MOVQ $0, 56(SP)  // a fifth argument: 0, as every top-level call has it
	MOVQ fn+0(FP), AX
	FRESH_CALL
	MOVQ AX, code+40(FP)
	MOVQ BX, result+48(FP)
	RET

// func callFreshPoisoned(fn uintptr, a0, a1, a2, a3, poison uint64) (code, result uint64)
// CallFresh with every context word it does not set filled with poison
// first: for tests that prove generated code reads no other word before
// writing it.
TEXT ·callFreshPoisoned(SB), 0, $2048-64
	MOVQ poison+40(FP), AX
	FRESH_POISON
	FRESH_HEADER
	MOVQ a0+8(FP), AX
	MOVQ AX, 24(SP)
	MOVQ a1+16(FP), AX
	MOVQ AX, 32(SP)
	MOVQ a2+24(FP), AX
	MOVQ AX, 40(SP)
	MOVQ a3+32(FP), AX
	MOVQ AX, 48(SP)
	MOVQ $0, 56(SP)
	MOVQ fn+0(FP), AX
	FRESH_CALL
	MOVQ AX, code+48(FP)
	MOVQ BX, result+56(FP)
	RET

// func callFreshDecodeRaw(fn uintptr, p, in, inLen, arena uint64) (code, result uint64)
// callFresh for a top-level decode program: its six arguments are the
// struct, the input's address and length, position 0, depth 0 and the
// arena's address.
TEXT ·callFreshDecodeRaw(SB), 0, $2048-56
	FRESH_HEADER
	MOVQ p+8(FP), AX
	MOVQ AX, 24(SP)  // backend.CtxArgs
	MOVQ in+16(FP), AX
	MOVQ AX, 32(SP)
	MOVQ inLen+24(FP), AX
	MOVQ AX, 40(SP)
	MOVQ $0, 48(SP)  // position
	MOVQ $0, 56(SP)  // depth
	MOVQ arena+32(FP), AX
	MOVQ AX, 64(SP)
	MOVQ fn+0(FP), AX
	FRESH_CALL
	MOVQ AX, code+40(FP)
	MOVQ BX, result+48(FP)
	RET

// func callFreshDecodePoisoned(fn uintptr, p, in, inLen, arena, poison uint64) (code, result uint64)
// callFreshDecode with the context filled with poison first.
TEXT ·callFreshDecodePoisoned(SB), 0, $2048-64
	MOVQ poison+40(FP), AX
	FRESH_POISON
	FRESH_HEADER
	MOVQ p+8(FP), AX
	MOVQ AX, 24(SP)
	MOVQ in+16(FP), AX
	MOVQ AX, 32(SP)
	MOVQ inLen+24(FP), AX
	MOVQ AX, 40(SP)
	MOVQ $0, 48(SP)
	MOVQ $0, 56(SP)
	MOVQ arena+32(FP), AX
	MOVQ AX, 64(SP)
	MOVQ fn+0(FP), AX
	FRESH_CALL
	MOVQ AX, code+48(FP)
	MOVQ BX, result+56(FP)
	RET
