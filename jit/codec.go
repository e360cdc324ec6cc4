package jit

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

// MaxDepth bounds nested calls between struct programs, as the other
// engines bound nesting.
const MaxDepth = 1023

// machine is this platform's code generator, nil where there is none.
var machine = func() backend.Machine {
	if runtime.GOARCH == "amd64" {
		return amd64.Machine{}
	}
	return nil
}()

// compiled is one struct's program in executable memory.
type compiled struct {
	fn   *backend.Func
	code *Code
	addr uintptr
}

type funcKey struct {
	d    *ir.StructDesc
	mode ir.Mode
}

// funcs caches compiled programs per struct and mode; reads take no lock.
var funcs sync.Map // funcKey -> *compiled

// compileMu serializes compilation, so that each program is compiled once.
var compileMu sync.Mutex

// Prepare compiles the size and encode programs of d and of every struct
// they call, or says why it cannot.
func Prepare(d *ir.StructDesc) error {
	if machine == nil || !runnable {
		return fmt.Errorf("%w (%s/%s)", ErrUnsupported, runtime.GOOS, runtime.GOARCH)
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	seen := map[funcKey]bool{}
	var visit func(k funcKey) error
	visit = func(k funcKey) error {
		if seen[k] {
			return nil
		}
		seen[k] = true
		if _, ok := funcs.Load(k); !ok {
			c, err := compile(k)
			if err != nil {
				return err
			}
			funcs.Store(k, c)
		}
		for _, callee := range ir.Lower(k.d, k.mode, ir.DefaultInlineDepth).Callees {
			if err := visit(funcKey{callee, k.mode}); err != nil {
				return err
			}
		}
		return nil
	}
	for _, mode := range []ir.Mode{ir.ModeSize, ir.ModeEncode} {
		if err := visit(funcKey{d, mode}); err != nil {
			return err
		}
	}
	return nil
}

// compile builds, optimizes and compiles one program and loads its code.
func compile(k funcKey) (*compiled, error) {
	p := ir.Lower(k.d, k.mode, ir.DefaultInlineDepth)
	var f *ssa.Func
	switch k.mode {
	case ir.ModeSize:
		f = ssa.BuildSize(p)
	case ir.ModeEncode:
		f = ssa.BuildEncode(p)
	default:
		return nil, fmt.Errorf("jit: %s: no compiled %v yet", k.d.Name, k.mode)
	}
	if err := ssa.Optimize(f, false); err != nil {
		return nil, fmt.Errorf("jit: %s: %w", f.Name, err)
	}
	fn, err := machine.Compile(f)
	if err != nil {
		return nil, err
	}
	code, err := Load(fn.Code)
	if err != nil {
		return nil, err
	}
	return &compiled{fn: fn, code: code, addr: code.Addr(0)}, nil
}

func lookup(d *ir.StructDesc, mode ir.Mode) *compiled {
	c, ok := funcs.Load(funcKey{d, mode})
	if !ok {
		panic("jit: " + d.Name + " was not prepared")
	}
	return c.(*compiled)
}

// driver runs compiled programs for one top-level call and serves their
// exits. Drivers are pooled: a call allocates nothing once warm.
type driver struct {
	exits interp.Exits
	ctxs  [][]uint64 // a context per nesting depth
	depth int

	outAddr, outLen, writer uint64 // encode: the output buffer, and 1 when a NocopyWriter takes large strings
}

var drivers = sync.Pool{New: func() any { return new(driver) }}

// context returns the context for the current depth, with room for slots
// spill slots, its resume word cleared.
func (dr *driver) context(slots int) []uint64 {
	for len(dr.ctxs) <= dr.depth {
		dr.ctxs = append(dr.ctxs, nil)
	}
	n := backend.ContextWords(slots)
	ctx := dr.ctxs[dr.depth]
	if len(ctx) < n {
		ctx = make([]uint64, n)
		dr.ctxs[dr.depth] = ctx
	}
	ctx[backend.CtxResume] = 0
	return ctx
}

// run runs c with the given arguments until it returns, serving its exits.
func (dr *driver) run(c *compiled, args ...uint64) uint64 {
	ctx := dr.context(c.fn.Slots)
	copy(ctx[backend.CtxArgs:], args)
	for {
		code := Call(c.addr, unsafe.Pointer(&ctx[0]))
		if code == backend.ExitReturn {
			return ctx[backend.CtxResult]
		}
		site := &c.fn.Sites[code-1]
		ctx[backend.CtxResult] = dr.serve(site, ctx[backend.CtxExitArgs:backend.CtxExitArgs+site.Args])
	}
}

// failed is what a call exit returns after recording an error: -1.
const failed = ^uint64(0)

func (dr *driver) serve(site *backend.Site, args []uint64) uint64 {
	switch site.Kind {
	case ssa.ExitCallSize:
		if dr.depth >= MaxDepth {
			return 1 // too deep to encode; encoding reports it
		}
		dr.depth++
		n := dr.run(lookup(site.Aux.(*ir.StructDesc), ir.ModeSize), args[0])
		dr.depth--
		return n
	case ssa.ExitCallEncode:
		if dr.depth >= MaxDepth {
			dr.exits.SetErr(wire.Errorf(wire.ErrDepthLimit, fmt.Sprintf("structs nest deeper than %d (a pointer cycle?)", MaxDepth)))
			return failed
		}
		dr.depth++
		n := dr.encode(site.Aux.(*ir.StructDesc), args[0], args[1])
		dr.depth--
		return n
	}
	return dr.exits.Serve(site.Kind, site.Aux, args)
}

// encode runs the encode program of d on the struct at p, from position pos.
func (dr *driver) encode(d *ir.StructDesc, p, pos uint64) uint64 {
	return dr.run(lookup(d, ir.ModeEncode), p, dr.outAddr, dr.outLen, dr.writer, pos)
}

// Size returns the encoded size of the struct at p (nil: an empty struct).
func Size(d *ir.StructDesc, p unsafe.Pointer) int {
	if p == nil {
		return 1
	}
	dr := drivers.Get().(*driver)
	dr.exits.Reset(nil, nil)
	n := int(dr.run(lookup(d, ir.ModeSize), uint64(uintptr(p))))
	runtime.KeepAlive(p) // the code holds p only as an integer
	dr.exits.Reset(nil, nil)
	drivers.Put(dr)
	return n
}

// Encode writes the struct at p (nil: an empty struct) into buf with the
// reflect codec's contract: strings and binaries of 4096 bytes or more go
// to w when it is not nil, and a value that does not fit is ErrShortBuffer,
// never a write past len(buf).
func Encode(buf []byte, w thrift.NocopyWriter, d *ir.StructDesc, p unsafe.Pointer) (int, error) {
	if p == nil {
		if len(buf) < 1 {
			return 0, wire.Errorf(wire.ErrShortBuffer, "need 1 byte")
		}
		buf[0] = byte(wire.Stop)
		return 1, nil
	}
	dr := drivers.Get().(*driver)
	dr.exits.Reset(buf, w)
	dr.outAddr, dr.outLen, dr.writer = uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf)), 0
	if w != nil {
		dr.writer = 1
	}
	n := dr.encode(d, uint64(uintptr(p)), 0)
	runtime.KeepAlive(p) // the code holds p and buf only as integers
	runtime.KeepAlive(buf)
	err := dr.exits.Err()
	dr.exits.Reset(nil, nil)
	dr.outAddr, dr.outLen = 0, 0
	drivers.Put(dr)
	if int64(n) < 0 {
		return 0, wire.InField(err, d.Name)
	}
	return int(n), nil
}
