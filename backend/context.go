package backend

// Generated code runs on a context: an array of 64-bit words in Go memory
// whose address it gets in a register. Everything that crosses an exit
// lives there, so the code itself keeps no state between entries. The
// header's word indices are fixed; the rest is laid out per function (see
// Layout), so that a function without exits or spills needs only the
// header and its arguments. The Go side (jit) pins its view in tests.
const (
	CtxResume   = 0                 // where to resume after an exit; 0 starts the function
	CtxResult   = 1                 // the function's result when it returns; an exit's result when it resumes
	CtxG        = 2                 // the running goroutine's g, for preemption polls
	CtxArgs     = 3                 // the function's arguments, MaxArgs words
	CtxSpill    = CtxArgs + MaxArgs // the spill slots, then (with exits) Layout's areas
	MaxArgs     = 8                 // arguments a function takes at most
	MaxExitArgs = 8                 // arguments an exit takes at most
	MaxRegs     = 16                // registers an architecture saves at most
)

// Layout is where a function's variable areas sit in its context.
type Layout struct {
	ExitArgs int // an exit's arguments, MaxExitArgs words (when the function has exits)
	Regs     int // registers saved across an exit (when it has exits)
	Words    int // the context's length
}

// NewLayout lays out the context of a function with the given number of
// spill slots, exits (any) and registers to save across them.
func NewLayout(slots int, exits bool, regs int) Layout {
	l := Layout{Words: CtxSpill + slots}
	if exits {
		l.ExitArgs = l.Words
		l.Regs = l.ExitArgs + MaxExitArgs
		l.Words = l.Regs + regs
	}
	return l
}

// The value a function returns in its exit-code register: ExitReturn when
// it returned (the result is in CtxResult), otherwise the index of the
// exit site plus one, whose arguments are at Layout.ExitArgs.
const ExitReturn = 0
