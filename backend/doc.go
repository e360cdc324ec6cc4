// Package backend holds what the machine-code backends share: the layout
// of the context that generated code runs on (context.go), and the
// register allocator (alloc.go) that assigns every SSA value a register or
// a spill slot in that context. An architecture (backend/amd64, later
// backend/arm64) implements Machine: it chooses which values it folds into
// the instructions that use them, selects and encodes instructions, and
// lays out the exits.
package backend
