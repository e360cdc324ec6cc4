package jit

import (
	"reflect"
	_ "unsafe" // go:linkname
)

// gcWriteBarrier2 is the runtime's write barrier for compiled code: it
// returns, in R11, room for two pointers in the running P's buffer, and
// follows no Go calling convention (see amd64.Machine.GCWriteBarrier). The
// runtime keeps it reachable by linkname (go.dev/issue/67401); the
// self-check confirms the address is its entry.
//
//go:linkname gcWriteBarrier2 runtime.gcWriteBarrier2
func gcWriteBarrier2()

// gcWriteBarrierEntry is the address generated pointer stores call while
// the runtime's write barrier is on.
func gcWriteBarrierEntry() uintptr { return reflect.ValueOf(gcWriteBarrier2).Pointer() }
