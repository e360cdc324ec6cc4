#include "textflag.h"

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
