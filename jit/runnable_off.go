//go:build !(amd64 && (linux || darwin))

package jit

// runnable reports whether this platform can map and enter generated code.
const runnable = false
