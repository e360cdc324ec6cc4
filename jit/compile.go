package jit

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
	"golang.org/x/sys/cpu"
)

// machine is this platform's code generator, nil where there is none.
var machine = func() backend.Machine {
	if runtime.GOARCH == "amd64" {
		return amd64.Machine{WriteBarrier: writeBarrierFlag(), GCWriteBarrier: gcWriteBarrierEntry(), AVX2: cpu.X86.HasAVX2}
	}
	return nil
}()

// compiled is one struct's program in executable memory.
type compiled struct {
	fn      *backend.Func
	code    *Code
	addr    uintptr
	bytes   int         // the machine code's length: fn.Code is dropped once loaded
	words   int         // the context's length
	callees []*compiled // by site: the program a call exit runs, nil for other exits
	// fresh is addr where top-level calls try CallFresh first (the
	// context fits it, and no call has exited for a reason that would
	// recur: sawExit), else 0. The API's encode reads it through a pointer
	// kept beside the type's codec (Codec.FreshEncode): one load, where a
	// flag would take three dependent ones (codec, program, flag).
	fresh atomic.Uintptr
	// light, for a decode program, says its last top-level call taken
	// from the driver path needed no driver (its exits were new structs
	// and arena refills): the next checks a P's arena out and runs on a
	// stack context, taking the driver only if an exit needs it. A call
	// that finds otherwise flips it, so the type follows its traffic.
	light atomic.Bool
	// flat is, for a size program without branches or loops (isFlat),
	// its sum, which Size computes in Go without entering the code.
	flat   ir.FlatSize
	isFlat bool
}

// Codec is the compiled size, encode and decode programs of one struct
// type.
type Codec struct {
	desc                 *ir.StructDesc
	size, encode, decode *compiled
}

type funcKey struct {
	d     *ir.StructDesc
	mode  ir.Mode
	depth int // how many levels of nested structs the program inlines
}

// programs holds every compiled program, per struct and mode. Only
// Prepare touches it, under its lock; running code reaches programs
// through Codec and callees, without a lookup.
var programs struct {
	sync.Mutex
	m map[funcKey]*compiled
}

// Prepare compiles the size, encode and decode programs of d and of every
// struct they call (once per struct, for the life of the process), or says
// why it cannot. The programs inline ir.DefaultInlineDepth levels of nested
// structs.
func Prepare(d *ir.StructDesc) (*Codec, error) { return PrepareInline(d, ir.DefaultInlineDepth) }

// PrepareInline is Prepare with programs that inline depth levels of nested
// structs (0: none) and call deeper ones: less code, compiled sooner, for
// a few more calls per message. The structs they call inline as deeply.
func PrepareInline(d *ir.StructDesc, depth int) (*Codec, error) {
	if depth < 0 {
		depth = ir.DefaultInlineDepth
	}
	if machine == nil || !runnable {
		return nil, fmt.Errorf("%w (%s/%s)", ErrUnsupported, runtime.GOOS, runtime.GOARCH)
	}
	if err := selfCheck(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	programs.Lock()
	defer programs.Unlock()
	if programs.m == nil {
		programs.m = map[funcKey]*compiled{}
	}
	var fresh []*compiled
	var visit func(k funcKey) (*compiled, error)
	visit = func(k funcKey) (*compiled, error) {
		if c, ok := programs.m[k]; ok {
			return c, nil
		}
		c, err := compile(k)
		if err != nil {
			return nil, err
		}
		programs.m[k] = c // before the callees: recursive types call back
		fresh = append(fresh, c)
		for i, s := range c.fn.Sites {
			if s.Kind == ssa.ExitCallSize || s.Kind == ssa.ExitCallEncode || s.Kind == ssa.ExitCallDecode {
				if c.callees[i], err = visit(funcKey{s.Aux.(*ir.StructDesc), k.mode, k.depth}); err != nil {
					return nil, err
				}
			}
		}
		return c, nil
	}
	cd := &Codec{desc: d}
	var err error
	for _, m := range []struct {
		mode ir.Mode
		c    **compiled
	}{{ir.ModeSize, &cd.size}, {ir.ModeEncode, &cd.encode}, {ir.ModeDecode, &cd.decode}} {
		if *m.c, err = visit(funcKey{d, m.mode, depth}); err != nil {
			break
		}
	}
	if err == nil {
		if err = loadBatch(fresh); err == nil {
			return cd, nil
		}
	}
	for k, c := range programs.m { // forget a partial batch: a later call starts over
		for _, f := range fresh {
			if c == f {
				delete(programs.m, k)
			}
		}
	}
	return nil, err
}

// CodeBytes is the size of the machine code of the type's own size, encode
// and decode programs, not counting the structs they call.
func (cd *Codec) CodeBytes() int {
	return cd.size.bytes + cd.encode.bytes + cd.decode.bytes
}

// FlatSize returns the type's size program as the sum Size computes in Go,
// and false when the program is not flat: for callers that would rather
// add the few lengths themselves than call Size.
func (cd *Codec) FlatSize() (ir.FlatSize, bool) {
	return cd.size.flat, cd.size.isFlat
}

// Compile turns an optimized SSA function into this platform's machine
// code, as Prepare does, without loading it: for tools that show the code.
func Compile(f *ssa.Func) (*backend.Func, error) {
	if machine == nil {
		return nil, fmt.Errorf("%w (%s)", ErrUnsupported, runtime.GOARCH)
	}
	return machine.Compile(f)
}

// funcAlign is where each function of a batch starts: a boundary the
// processor fetches instructions from in one go.
const funcAlign = 32

// loadBatch loads the code of the programs Prepare compiled together into
// one mapping, so that they share pages, and gives each its address.
func loadBatch(cs []*compiled) error {
	if len(cs) == 0 {
		return nil
	}
	var code []byte
	offs := make([]int, len(cs))
	for i, c := range cs {
		for len(code)%funcAlign != 0 {
			code = append(code, 0xcc) // int3 between functions
		}
		offs[i] = len(code)
		code = append(code, c.fn.Code...)
	}
	mem, err := Load(code)
	if err != nil {
		return err
	}
	for i, c := range cs {
		c.code, c.addr = mem, mem.Addr(offs[i])
		c.fn.Code = nil // loaded: a second copy in the Go heap would be kept for nothing
		if c.words <= freshWords {
			c.fresh.Store(c.addr)
		}
	}
	recordPerfMap(cs)
	return nil
}

// compile builds, optimizes and compiles one program; loadBatch loads it.
func compile(k funcKey) (c *compiled, err error) {
	defer func() {
		// A compiler bug must cost the type its machine code (auto then
		// runs the reflect codec), never the caller's process.
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("jit: %s: compiling the %v program: %v", k.d.Name, k.mode, r)
		}
	}()
	p := ir.Lower(k.d, k.mode, k.depth)
	var f *ssa.Func
	switch k.mode {
	case ir.ModeSize:
		f = ssa.BuildSize(p)
	case ir.ModeEncode:
		f = ssa.BuildEncode(p)
	default:
		if f, err = ssa.BuildDecode(p); err != nil {
			return nil, fmt.Errorf("jit: %s: %w", k.d.Name, err)
		}
	}
	if err = ssa.Optimize(f, false); err != nil {
		return nil, fmt.Errorf("jit: %s: %w", f.Name, err)
	}
	fn, err := machine.Compile(f)
	if err != nil {
		return nil, err
	}
	c = &compiled{fn: fn, bytes: len(fn.Code), words: fn.Layout.Words, callees: make([]*compiled, len(fn.Sites))}
	c.flat, c.isFlat = p.Flat()
	return c, nil
}
