package jit

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"github.com/frugaljit/frugal/internal/gomap"
	"github.com/frugaljit/frugal/internal/gorelease"
)

// gStack returns the running goroutine's g.stack.lo, g.stack.hi and
// g.stackguard0, read the way generated code reads them.
//
//go:noescape
func gStack() (lo, hi, guard uintptr)

// stackPreempt is the runtime's request to stop (runtime/stack.go).
const stackPreempt = ^uintptr(0) &^ 1313 // uintptrMask & -1314

// selfCheck verifies, once, what generated code assumes of this Go
// runtime: a release it is checked on, the trampoline finds g through
// TLS, g starts with the stack bounds, stackguard0 follows them holding
// either a guard inside the stack or stackPreempt, a map's header starts
// with its length, and the write barrier's entry is where generated code
// calls it. Where it fails, the jit is unavailable and the
// reflect codec runs instead.
var selfCheck = sync.OnceValue(func() error {
	if err := gorelease.Running(); err != nil {
		return fmt.Errorf("jit self-check: %v", err)
	}
	lo, hi, guard := gStack()
	var local byte
	sp := uintptr(unsafe.Pointer(&local))
	if !(lo < sp && sp < hi) {
		return fmt.Errorf("jit self-check: g.stack [%#x, %#x) does not hold the stack at %#x", lo, hi, sp)
	}
	if !(lo < guard && guard < hi) && guard != stackPreempt {
		return fmt.Errorf("jit self-check: g.stackguard0 %#x is neither in [%#x, %#x) nor stackPreempt", guard, lo, hi)
	}
	if err := gomap.CheckHeader(); err != nil {
		return fmt.Errorf("jit self-check: %v", err)
	}
	entry := gcWriteBarrierEntry()
	if f := runtime.FuncForPC(entry); f == nil || f.Name() != "runtime.gcWriteBarrier2" || f.Entry() != entry {
		return fmt.Errorf("jit self-check: %#x is not the entry of runtime.gcWriteBarrier2", entry)
	}
	return nil
})
