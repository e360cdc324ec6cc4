#include "textflag.h"

// func call(fn uintptr, ctx unsafe.Pointer) uint64
// A frame of its own, so the stack check in the prologue makes each entry
// a point where the goroutine can be preempted.
TEXT ·call(SB), 0, $8-24
	MOVQ fn+0(FP), AX
	MOVQ ctx+8(FP), DI
	CALL AX
	MOVQ AX, ret+16(FP)
	RET
