package interp

import (
	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/ssa"
)

// Exits serves the exits of compiled code the way the interpreter's driver
// serves them, so that both engines share one meaning for every exit. It
// serves every kind except the calls into another struct's program
// (ExitCallSize, ExitCallEncode, ExitCallDecode), which the caller runs on
// its own engine.
type Exits struct {
	dr driver
}

// Begin prepares x, released or new, for a top-level call that encodes
// into out, handing large strings to w (nil for none).
func (x *Exits) Begin(out []byte, w thrift.NocopyWriter) {
	x.dr.out = out
	if w != nil { // a released x has none: no store, no write barrier
		x.dr.w = w
	}
}

// BeginDecode prepares x, released or new, for a top-level decode of in.
func (x *Exits) BeginDecode(in []byte) { x.dr.in = in }

// Release ends the call x served: memory handed out is released and what
// the call set is cleared, so that x goes back to its pool ready for Begin.
func (x *Exits) Release() {
	// Field by field, and only what a call changed: assigning a whole new
	// driver would copy every pointer through the write barrier, which is
	// on often in programs that decode a lot. The arena's chunk carries
	// over: the next decode carves on from it.
	dr := &x.dr
	if len(dr.keep) > 0 {
		clear(dr.keep)
		dr.keep = dr.keep[:0]
	}
	if len(dr.keepPtrs) > 0 {
		clear(dr.keepPtrs)
		dr.keepPtrs = dr.keepPtrs[:0]
	}
	if len(dr.maps) > 0 {
		dr.releaseMaps()
	}
	dr.depth, dr.chunkLen = 0, 0
	if dr.err != nil {
		dr.err = nil
	}
	if dr.out != nil {
		dr.out = nil
	}
	if dr.w != nil {
		dr.w = nil
	}
	if dr.in != nil {
		dr.in = nil
	}
	dr.unknown = dr.unknown[:0] // integers
	if len(dr.scratch) > 0 {
		clear(dr.scratch)
		dr.scratch = dr.scratch[:0]
	}
}

// ArenaAddr returns the address of the arena decode programs take as an
// argument (see ssa.BuildDecode), valid as long as x is.
func (x *Exits) ArenaAddr() uint64 { return x.dr.ArenaAddr() }

// Serve serves one exit and returns its result.
func (x *Exits) Serve(kind ssa.ExitKind, aux any, args []uint64) uint64 {
	switch kind {
	case ssa.ExitCallSize, ssa.ExitCallEncode, ssa.ExitCallDecode:
		panic("interp: Exits cannot serve " + kind.String())
	}
	return x.dr.Exit(kind, aux, args)
}

// Err returns the error an exit recorded, or nil.
func (x *Exits) Err() error { return x.dr.err }

// SetErr records err as the error of the call.
func (x *Exits) SetErr(err error) { x.dr.err = err }
