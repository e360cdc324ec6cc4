package jit

import _ "unsafe" // go:linkname

// procPin keeps the running goroutine on its P, not preemptible, until
// procUnpin, and returns the P's id: what sync.Pool does to reach its
// per-P slots. The runtime keeps both reachable by this name and with
// this signature (go.dev/issue/67401).
//
//go:linkname procPin runtime.procPin
func procPin() int

//go:linkname procUnpin runtime.procUnpin
func procUnpin()
