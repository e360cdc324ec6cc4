package jit

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/ssa"
)

// A top-level decode first runs on CallFresh's context with an arena of
// the running P (procPin keeps the goroutine there, as sync.Pool does),
// and takes no driver: for a small message, the driver's pool, its set-up
// and its release cost more than the decode itself. The call is pinned
// only while generated code runs, which never blocks: an exit, the
// runtime asking to preempt included, ends the call, and the decode runs
// again from the start on the driver, as it would have without the fast
// path. Running again is safe: a decode sets fields, never adds to them,
// and the second run sets the same ones. The only exit the fast path
// serves is the arena's refill: the P gets a new chunk, and a message of
// at most half a chunk runs fast again (what it carves is at most its own
// length, plus the widening of i32 enums in lists).

// pArena is one P's arena, on a cache line of its own: no other P writes
// near it. a is nil while a decode that may exit has it checked out
// (checkoutArena).
type pArena struct {
	a *interp.Arena
	_ [64 - unsafe.Sizeof((*interp.Arena)(nil))]byte
}

// freshArenas holds the arenas by P id; it grows, to the new size, when
// GOMAXPROCS grows (an arena of the old array is dropped: its chunk is
// freed once the strings carved from it are).
var freshArenas struct {
	mu sync.Mutex
	p  atomic.Pointer[[]pArena]
}

// freshChunk is the size of the chunks fast decodes carve from; a
// message of more than half of it runs on the driver after a refill.
const freshChunk = interp.MinChunk

// decodeFresh runs decode program c on the struct at p from buf on
// CallFresh's context with the running P's arena, and returns the bytes
// read and true, or false where it could not finish (an exit, or no arena
// for the P), and the caller runs it on an invocation.
func decodeFresh(c *compiled, buf []byte, p unsafe.Pointer) (int, bool) {
	in, inLen := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf))
	for refilled := false; ; refilled = true {
		pid := procPin()
		var a *interp.Arena
		if arenas := freshArenas.p.Load(); arenas != nil && pid < len(*arenas) {
			a = (*arenas)[pid].a
		}
		if a == nil {
			procUnpin()
			return 0, false
		}
		code, n := callFreshDecode(c.addr, uint64(uintptr(p)), in, inLen, a.Addr())
		procUnpin()
		runtime.KeepAlive(p) // the code holds p, buf and the arena only as integers
		runtime.KeepAlive(buf)
		runtime.KeepAlive(a)
		if code == backend.ExitReturn {
			return int(n), int64(n) >= 0 // -1 comes after an exit recorded the error: unreachable here
		}
		if c.fn.Sites[code-1].Kind != ssa.ExitAllocBytes {
			c.sawExit(code)
			return 0, false
		}
		// The arena ran out: that comes of the message, not of the type.
		if refilled || len(buf) > freshChunk/2 {
			return 0, false
		}
		refillArena()
	}
}

// refillArena gives the running P a new arena with a chunk. Both are
// allocated before pinning: nothing allocates while a goroutine is pinned.
func refillArena() {
	a := new(interp.Arena)
	a.Fill(freshChunk)
	pid := procPin()
	if arenas := freshArenas.p.Load(); arenas != nil && pid < len(*arenas) {
		(*arenas)[pid].a = a
	}
	procUnpin()
}

// checkoutArena takes the running P's arena for a decode that may exit,
// whose goroutine may then run on any P, and another decode on this P:
// the arena is the decode's alone until checkinArena. Where the P has
// none (another decode has it), it returns a new, empty one.
func checkoutArena() *interp.Arena {
	for range 2 {
		pid := procPin()
		if arenas := freshArenas.p.Load(); arenas != nil && pid < len(*arenas) {
			a := (*arenas)[pid].a
			(*arenas)[pid].a = nil
			procUnpin()
			if a == nil {
				a = new(interp.Arena)
			}
			return a
		}
		procUnpin()
		growArenas(pid)
	}
	return new(interp.Arena)
}

// checkinArena gives a back to the running P where it has no arena.
func checkinArena(a *interp.Arena) {
	pid := procPin()
	if arenas := freshArenas.p.Load(); arenas != nil && pid < len(*arenas) && (*arenas)[pid].a == nil {
		(*arenas)[pid].a = a
	}
	procUnpin()
}

// growArenas makes room for P id pid, and for GOMAXPROCS Ps, each with an
// empty arena. The arrays are replaced, never changed in place but for
// each P's own slot.
func growArenas(pid int) {
	freshArenas.mu.Lock()
	defer freshArenas.mu.Unlock()
	n := max(pid+1, runtime.GOMAXPROCS(0))
	if old := freshArenas.p.Load(); old != nil && len(*old) >= n {
		return
	}
	arenas := make([]pArena, n)
	for i := range arenas {
		arenas[i].a = new(interp.Arena)
	}
	freshArenas.p.Store(&arenas)
}
