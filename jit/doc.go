// Package jit runs generated machine code inside a Go program under the
// contract of DESIGN.md: code lives in memory that is mapped read-write,
// filled, then switched to read-execute (never both), and is entered only
// through a small assembly trampoline. Generated code is a leaf: it never
// calls Go, takes its state from a context whose address it is given, and
// returns an exit code to the Go driver.
//
// A context is not zeroed before an entry (CallFresh's frame, the driver's
// reused heap contexts): only its header and arguments are set, and
// generated code reads no other word before writing it. Built with the
// frugalpoison tag, every context is filled with poison first, so that a
// word read too early fails every time (see poison_on.go).
//
// Besides the self-checked invariants (g.stackguard0's offset and
// stackPreempt, the write barrier's entry), the package reaches runtime
// symbols that the runtime keeps linkname-able with a fixed signature
// (go.dev/issue/67401): writeBarrier, gcWriteBarrier2, and procPin with
// procUnpin, which keep a small top-level decode on its P while it carves
// from that P's arena, and check the arena out for a decode that exits
// (freshdecode.go).
package jit

import "errors"

// ErrUnsupported is returned where this platform cannot run generated code.
var ErrUnsupported = errors.New("jit: generated code cannot run on this platform")
