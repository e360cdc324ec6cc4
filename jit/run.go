package jit

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

// MaxDepth bounds nested calls between struct programs, as the other
// engines bound nesting.
const MaxDepth = 1023

// stackWords is the largest context kept on the Go stack. A context there
// is safe: generated code finds it through its argument at every entry, and
// keeps no other pointer into it, so the stack may move during an exit.
const stackWords = 320

// stackLimit is stackWords, lowered by tests to run every context on the
// heap.
var stackLimit = stackWords

// invocation is one top-level call: its output and, from the first exit on, a
// pooled driver that serves exits.
type invocation struct {
	dr                         *driver
	err                        error // recorded by an exit served without the driver
	out                        []byte
	w                          thrift.NocopyWriter
	outAddr, outLen, nocopyMin uint64 // the arguments encode programs take for the output
	decoding                   bool
	in                         []byte // decode: the input
	inAddr, inLen              uint64 // the arguments decode programs take for the input
	// arena, for a decode, is a P's arena checked out for the call (see
	// checkoutArena), and chunkLen the size of the last chunk it took; nil
	// where programs carve from the driver's.
	arena    *interp.Arena
	chunkLen int
	// neededDriver: an exit other than a new struct or an arena refill
	// was served (see compiled.light).
	neededDriver bool
}

// driver serves exits and holds what must outlive one of them. Drivers are
// pooled: a warm call allocates nothing.
type driver struct {
	exits interp.Exits
	args  [backend.MaxExitArgs]uint64
	heap  [][]uint64 // contexts too large for the stack, by nesting depth
	depth int
}

var drivers = sync.Pool{New: func() any { return new(driver) }}

func (cl *invocation) driver() *driver {
	if cl.dr == nil {
		cl.dr = drivers.Get().(*driver) // released when put back: ready to begin
		if cl.decoding {
			cl.dr.exits.BeginDecode(cl.in)
		} else {
			cl.dr.exits.Begin(cl.out, cl.w)
		}
	}
	return cl.dr
}

func (cl *invocation) release() {
	if cl.dr != nil {
		cl.dr.exits.Release()
		cl.dr.depth = 0
		drivers.Put(cl.dr)
		cl.dr = nil
	}
}

// run runs c with the given arguments until it returns, serving its exits.
// The context is on the stack when it is small, in an array of one of two
// sizes (each in a frame of its own: Go zeroes the whole array), else in
// the driver.
func (cl *invocation) run(c *compiled, args ...uint64) uint64 {
	switch {
	case c.words > stackLimit:
		return cl.runOn(c, cl.heapContext(c.words), args)
	case c.words <= tinyWords:
		return cl.runTiny(c, args)
	case c.words <= smallWords:
		return cl.runSmall(c, args)
	case c.words <= mediumWords:
		return cl.runMedium(c, args)
	}
	return cl.runLarge(c, args)
}

// The sizes of the contexts kept on the stack: Go zeroes each before use,
// so a function runs on the smallest that holds its context.
const (
	tinyWords   = 24 // a function without exits and with few spills
	smallWords  = 64
	mediumWords = 128
)

//go:noinline
func (cl *invocation) runTiny(c *compiled, args []uint64) uint64 {
	var stack [tinyWords]uint64
	return cl.runOn(c, stack[:c.words], args)
}

//go:noinline
func (cl *invocation) runSmall(c *compiled, args []uint64) uint64 {
	var stack [smallWords]uint64
	return cl.runOn(c, stack[:c.words], args)
}

//go:noinline
func (cl *invocation) runMedium(c *compiled, args []uint64) uint64 {
	var stack [mediumWords]uint64
	return cl.runOn(c, stack[:c.words], args)
}

//go:noinline
func (cl *invocation) runLarge(c *compiled, args []uint64) uint64 {
	var stack [stackWords]uint64
	return cl.runOn(c, stack[:c.words], args)
}

func (cl *invocation) runOn(c *compiled, ctx []uint64, args []uint64) uint64 {
	poison(ctx)                // with the frugalpoison tag only
	ctx[backend.CtxResume] = 0 // a reused context may hold the resume address of a failed call
	copy(ctx[backend.CtxArgs:], args)
	return cl.finish(c, ctx, Call(c.addr, unsafe.Pointer(&ctx[0])))
}

// finish serves c's exits, from the exit code of its last entry, until it
// returns, and returns its result.
func (cl *invocation) finish(c *compiled, ctx []uint64, code uint64) uint64 {
	for code != backend.ExitReturn {
		ctx[backend.CtxResult] = cl.serve(c, int(code-1), ctx)
		code = Call(c.addr, unsafe.Pointer(&ctx[0]))
	}
	return ctx[backend.CtxResult]
}

func (cl *invocation) heapContext(words int) []uint64 {
	dr := cl.driver()
	for len(dr.heap) <= dr.depth {
		dr.heap = append(dr.heap, nil)
	}
	if len(dr.heap[dr.depth]) < words {
		dr.heap[dr.depth] = make([]uint64, words)
	}
	return dr.heap[dr.depth][:words]
}

// yields counts the times generated code stopped for the runtime, and
// barriers the pointer stores it left to Go while the write barrier was on.
var yields, barriers atomic.Int64

// failed is what a call exit returns after recording an error: -1.
const failed = ^uint64(0)

// serve serves exit site i of c, whose arguments are in ctx.
func (cl *invocation) serve(c *compiled, i int, ctx []uint64) uint64 {
	site := &c.fn.Sites[i]
	// Maps of scalars and strings are sized and written without a driver:
	// a call whose only exits are such maps takes none from the pool.
	switch site.Kind {
	case ssa.ExitMapSize:
		return uint64(interp.DirectMapSize(site.Aux.(*ir.Type), ctx[c.fn.Layout.ExitArgs]))
	case ssa.ExitMapEncode:
		args := ctx[c.fn.Layout.ExitArgs:]
		n, err := interp.DirectMapEncode(cl.out, cl.w, site.Aux.(*ir.Type), args[0], int(args[1]))
		if err != nil {
			cl.err = err
		}
		return uint64(n)
	}
	// So are a decode's new structs and, with an arena of its own, its
	// refills, and every call's yields.
	switch site.Kind {
	case ssa.ExitNew:
		return interp.ServeNew(site.Aux, ctx[c.fn.Layout.ExitArgs])
	case ssa.ExitAllocBytes:
		if cl.arena != nil {
			if q := cl.arena.Refill(int(ctx[c.fn.Layout.ExitArgs]), &cl.chunkLen); q != nil {
				return uint64(uintptr(q))
			}
		}
		// A run too large for a chunk: the driver allocates it apart and
		// keeps it (its own arena declines it too, being no larger).
	case ssa.ExitYield:
		yields.Add(1)
		return 0 // back in Go: the re-entry's stack check lets the runtime stop us
	default:
		cl.neededDriver = true
	}
	dr := cl.driver()
	args := dr.args[:site.Args]
	copy(args, ctx[c.fn.Layout.ExitArgs:])
	switch site.Kind {
	case ssa.ExitCallSize:
		if dr.depth >= MaxDepth {
			return 1 // too deep to encode; encoding reports it
		}
		dr.depth++
		n := cl.run(c.callees[i], args[0])
		dr.depth--
		return n
	case ssa.ExitWriteBarrier:
		barriers.Add(1)
	case ssa.ExitCallEncode:
		if dr.depth >= MaxDepth {
			dr.exits.SetErr(wire.Errorf(wire.ErrDepthLimit, fmt.Sprintf("structs nest deeper than %d (a pointer cycle?)", MaxDepth)))
			return failed
		}
		dr.depth++
		n := cl.run(c.callees[i], args[0], cl.outAddr, cl.outLen, cl.nocopyMin, args[1])
		dr.depth--
		return n
	case ssa.ExitCallDecode:
		if args[2] > MaxDepth {
			dr.exits.SetErr(wire.Errorf(wire.ErrDepthLimit, fmt.Sprintf("nesting deeper than %d", MaxDepth)))
			return failed
		}
		dr.depth++ // heap contexts are per call depth
		n := cl.runDecode(c.callees[i], args[0], args[1], args[2])
		dr.depth--
		return n
	}
	return dr.exits.Serve(site.Kind, site.Aux, args)
}

// Size returns the encoded size of the struct at p (nil: an empty struct).
func (cd *Codec) Size(p unsafe.Pointer) int {
	interp.Escape(p) // the code holds p as an integer across exits
	if p == nil {
		return 1
	}
	c := cd.size
	if c.isFlat {
		return c.flat.Of(p)
	}
	if fn := c.fresh.Load(); fn != 0 {
		code, n := CallFresh(fn, uint64(uintptr(p)), 0, 0, 0)
		if code == backend.ExitReturn {
			runtime.KeepAlive(p) // the code holds p only as an integer
			return int(n)
		}
		c.sawExit(code)
	}
	var cl invocation
	n := cl.run(c, uint64(uintptr(p)))
	cl.release()
	runtime.KeepAlive(p)
	return int(n)
}

// sawExit notes that a call on a fresh context exited at the site of exit
// code code, so that the caller runs it again on an invocation. An exit
// that depends on the call (an error, the runtime asking to preempt, a
// long string for a NocopyWriter) leaves fresh calls on; one that comes of
// the type (a map, a nested call, anything else) turns them off: such a
// type would otherwise run twice on every call.
//
//go:noinline
func (c *compiled) sawExit(code uint64) {
	switch c.fn.Sites[code-1].Kind {
	case ssa.ExitFail, ssa.ExitYield, ssa.ExitNocopy:
	default:
		c.fresh.Store(0)
	}
}

// Encode writes the struct at p (nil: an empty struct) into buf with the
// reflect codec's contract: strings and binaries of 4096 bytes or more go
// to w when it is not nil, and a value that does not fit is ErrShortBuffer,
// never a write past len(buf). Its fast path, a call on a fresh context
// that returns, keeps a small frame; the rest is EncodeAfter's, whose frame
// holds an invocation. EncodeObject inlines the fast path by hand.
func (cd *Codec) Encode(buf []byte, w thrift.NocopyWriter, p unsafe.Pointer) (int, error) {
	interp.Escape(p) // the code holds p as an integer across exits
	code := NotRun
	if fn := cd.encode.fresh.Load(); fn != 0 && p != nil {
		var n uint64
		code, n = CallFresh(fn, uint64(uintptr(p)), uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf)), ssa.NocopyMin(w != nil))
		runtime.KeepAlive(p) // the code holds p and buf only as integers
		runtime.KeepAlive(buf)
		if code == backend.ExitReturn && int64(n) >= 0 {
			return int(n), nil
		}
	}
	return cd.EncodeAfter(buf, w, p, code)
}

// FreshEncode returns the word that holds the address of the encode
// program where a top-level call tries it first with CallFresh (its
// arguments: the struct's address, the buffer's address and length,
// ssa.NocopyMin), else 0. The word stays valid, and its value may turn 0,
// for the life of the process: the API keeps the pointer beside the
// type's codec, and loads it on every encode.
func (cd *Codec) FreshEncode() *atomic.Uintptr { return &cd.encode.fresh }

// NotRun is the exit code EncodeAfter gets when the fast path did not call
// the code: no exit site has it.
const NotRun = ^uint64(0)

// EncodeAfter is Encode where the fast path did not return: p is nil, or
// the call on a fresh context exited with code (or did not run: NotRun),
// and the program runs again from the start on an invocation.
//
//go:noinline
func (cd *Codec) EncodeAfter(buf []byte, w thrift.NocopyWriter, p unsafe.Pointer, code uint64) (int, error) {
	if p == nil {
		if len(buf) < 1 {
			return 0, wire.Errorf(wire.ErrShortBuffer, "need 1 byte")
		}
		buf[0] = byte(wire.Stop)
		return 1, nil
	}
	c := cd.encode
	if code == backend.ExitReturn {
		// Unreachable: a failure exits first to record its error.
		return 0, fmt.Errorf("jit: encode %s failed without an error", cd.desc.Name)
	}
	if code != NotRun {
		c.sawExit(code)
	}
	var cl invocation // field by field, as in Decode
	cl.out, cl.w = buf, w
	cl.outAddr, cl.outLen, cl.nocopyMin = uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf)), ssa.NocopyMin(w != nil)
	n := cl.run(c, uint64(uintptr(p)), cl.outAddr, cl.outLen, cl.nocopyMin, 0)
	runtime.KeepAlive(p) // the code holds p and buf only as integers
	runtime.KeepAlive(buf)
	return cl.result(n, cd.desc.Name)
}

// result ends the invocation: the bytes the program returned, or the
// error an exit recorded, in the field of the struct named.
func (cl *invocation) result(n uint64, name string) (int, error) {
	err := cl.err
	if err == nil && cl.dr != nil {
		err = cl.dr.exits.Err()
	}
	cl.release()
	if int64(n) < 0 {
		return 0, wire.InField(err, name)
	}
	return int(n), nil
}

// Decode decodes one struct from buf into the struct at p with the reflect
// codec's contract and error classes, and returns the bytes it read.
func (cd *Codec) Decode(buf []byte, p unsafe.Pointer) (int, error) {
	interp.Escape(p) // the code holds p as an integer across exits
	if c := cd.decode; c.fresh.Load() != 0 && !raceEnabled {
		if n, ok := decodeFresh(c, buf, p); ok {
			return n, nil
		}
	}
	return cd.decodeOnInvocation(buf, p)
}

// decodeOnInvocation is Decode where the fast path did not finish: on an
// invocation, which serves every exit, with the driver taken at once or,
// for a type whose decodes have needed none (compiled.light), only by an
// exit that needs it.
//
//go:noinline
func (cd *Codec) decodeOnInvocation(buf []byte, p unsafe.Pointer) (int, error) {
	// Field by field: Go builds a composite literal aside and copies it,
	// and the copy's wide loads of the narrow stores just made stall.
	var cl invocation
	cl.decoding, cl.in = true, buf
	cl.inAddr, cl.inLen = uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf))
	c := cd.decode
	var n uint64
	canLight := !raceEnabled && c.words <= stackLimit
	light := canLight && c.light.Load()
	if light {
		// A P's arena, checked out, and a context on the stack: the
		// driver is taken only by an exit that needs it, and a decode
		// whose exits are new structs and refills takes none.
		cl.arena = checkoutArena()
		n = cl.run(c, uint64(uintptr(p)), cl.inAddr, cl.inLen, 0, 0, cl.arena.Addr())
		checkinArena(cl.arena)
	} else {
		// The driver at once: its arena carries over from the calls
		// before, and so do its contexts, which need no zeroing there.
		cl.driver()
		n = cl.runDecode(c, uint64(uintptr(p)), 0, 0)
	}
	if canLight && light == cl.neededDriver { // this call would have done better the other way
		c.light.Store(!cl.neededDriver)
	}
	runtime.KeepAlive(p) // the code holds p and buf only as integers
	runtime.KeepAlive(buf)
	return cl.result(n, cd.desc.Name)
}

// arenaAddr is the arena decode programs of this call carve from.
func (cl *invocation) arenaAddr() uint64 {
	if cl.arena != nil {
		return cl.arena.Addr()
	}
	return cl.dr.exits.ArenaAddr()
}

// runDecode runs decode program c into the struct at p from offset pos of
// the input, at nesting depth depth, on the driver's context for the call
// depth. The arguments go straight into the context: a slice of them and a
// copy would cost a memmove call per struct decoded.
func (cl *invocation) runDecode(c *compiled, p, pos, depth uint64) uint64 {
	ctx := cl.heapContext(c.words)
	poison(ctx)                // with the frugalpoison tag only
	ctx[backend.CtxResume] = 0 // the context may hold the resume address of a failed call
	a := ctx[backend.CtxArgs : backend.CtxArgs+6]
	a[0], a[1], a[2], a[3], a[4], a[5] = p, cl.inAddr, cl.inLen, pos, depth, cl.arenaAddr()
	return cl.finish(c, ctx, Call(c.addr, unsafe.Pointer(&ctx[0])))
}
