package backend

// Generated code runs on a context: an array of 64-bit words in Go memory
// whose address it gets in a register. Everything that crosses an exit
// lives there, so the code itself keeps no state between entries. These
// are the word indices; the Go side (jit) pins its view of them in tests.
const (
	CtxResume   = 0                         // where to resume after an exit; 0 starts the function
	CtxResult   = 1                         // the function's result when it returns; an exit's result when it resumes
	CtxG        = 2                         // the running goroutine's g, for preemption polls
	CtxArgs     = 3                         // the function's arguments, MaxArgs words
	CtxExitArgs = CtxArgs + MaxArgs         // an exit's arguments, MaxExitArgs words
	CtxRegs     = CtxExitArgs + MaxExitArgs // registers saved across an exit, MaxRegs words
	CtxSpill    = CtxRegs + MaxRegs         // spill slots, Func.Slots words
	MaxArgs     = 8                         // arguments a function takes at most
	MaxExitArgs = 8                         // arguments an exit takes at most
	MaxRegs     = 32                        // registers an architecture saves at most
)

// ContextWords returns the length of the context a function with the
// given number of spill slots needs.
func ContextWords(slots int) int { return CtxSpill + slots }

// The value a function returns in its exit-code register: ExitReturn when
// it returned (the result is in CtxResult), otherwise the index of the
// exit site plus one, whose arguments are in CtxExitArgs.
const ExitReturn = 0
