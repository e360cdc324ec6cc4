// Package jit runs generated machine code inside a Go program under the
// contract of DESIGN.md: code lives in memory that is mapped read-write,
// filled, then switched to read-execute (never both), and is entered only
// through a small assembly trampoline. Generated code is a leaf: it never
// calls Go, takes its state from a context whose address it is given, and
// returns an exit code to the Go driver.
package jit

import "errors"

// ErrUnsupported is returned where this platform cannot run generated code.
var ErrUnsupported = errors.New("jit: generated code cannot run on this platform")
