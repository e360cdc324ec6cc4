package backend

import "github.com/frugaljit/frugal/ssa"

// Machine is an architecture's code generator.
type Machine interface {
	// Compile turns an optimized SSA function (blocks in layout order,
	// entry first) into machine code that runs on a context (context.go).
	Compile(f *ssa.Func) (*Func, error)
}

// Func is a compiled function: position-independent code entered at
// offset 0 with the context's address, and its exit sites.
type Func struct {
	Name   string
	Code   []byte
	Sites  []Site // by exit code minus one
	Slots  int    // spill slots
	Layout Layout // where the context's areas are
}

// Site is one exit of a compiled function: what the driver does there.
type Site struct {
	Kind ssa.ExitKind
	Aux  any
	Args int // words at Layout.ExitArgs
}
