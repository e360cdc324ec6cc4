package amd64

import (
	"fmt"
	"slices"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ssa"
)

// Register roles. Generated code is a leaf entered with the context's
// address in RDI: it keeps it in R15, gives values the nine registers of
// allocatable, and uses RCX, RSI, RDI and R14 as scratch (the first three
// are also what REP MOVSB takes). RSP and RBP are never touched.
var allocatable = [...]Reg{RAX, RBX, RDX, R8, R9, R10, R11, R12, R13}

const (
	ctxReg = R15
	tmp0   = RCX
	tmp1   = RSI
	tmp2   = RDI
	tmp3   = R14 // the bytes in flight of a short copy
)

// Machine is the amd64 code generator.
type Machine struct {
	// WriteBarrier is the address of the byte that is non-zero while the
	// Go runtime's write barrier is on (runtime.writeBarrier.enabled).
	// Pointer stores test it and, when it is set, take the barrier: they
	// call GCWriteBarrier where it is set, else exit so that Go stores the
	// pointer. A function with pointer stores does not compile without it.
	WriteBarrier uintptr
	// GCWriteBarrier is the entry of runtime.gcWriteBarrier2, or 0. It
	// hands out room for two pointers in the running P's write barrier
	// buffer (its address in R11) to a caller with g in R14, and clobbers
	// only R11 and the flags: the barrier's record of a store, the pointer
	// stored and the one it replaces, costs a call instead of an exit. It
	// may be called only while the runtime's flag is set.
	GCWriteBarrier uintptr
	// AVX2 lets copies use 32-byte ymm registers (the processor and the
	// OS support them); without it they move 16 bytes at a time.
	AVX2 bool
}

var _ backend.Machine = Machine{}

// ctxWord returns the operand of word i of the context.
func ctxWord(i int) Mem { return At(ctxReg, int32(8*i)) }

// Compile implements backend.Machine.
func (m Machine) Compile(f *ssa.Func) (out *backend.Func, err error) {
	if len(f.Blocks) == 0 || f.Blocks[0] != f.Entry {
		return nil, fmt.Errorf("amd64: %s: the entry block must come first", f.Name)
	}
	if len(f.Params) > backend.MaxArgs {
		return nil, fmt.Errorf("amd64: %s: %d arguments, at most %d", f.Name, len(f.Params), backend.MaxArgs)
	}
	defer func() {
		if r := recover(); r != nil { // a selector bug: report it, the caller falls back
			out, err = nil, fmt.Errorf("amd64: %s: %v", f.Name, r)
		}
	}()
	g := newGen(f)
	g.writeBarrier = m.WriteBarrier
	g.gcWriteBarrier = m.GCWriteBarrier
	g.avx2 = m.AVX2
	g.function()
	// The sites live as long as the code: a copy of their exact length,
	// not the slice append grew to up to twice that.
	return &backend.Func{Name: f.Name, Code: g.a.Bytes(), Sites: slices.Clone(g.sites), Slots: g.al.Slots, Layout: g.layout}, nil
}

// gen is the state of one function's code generation.
type gen struct {
	a      Asm
	f      *ssa.Func
	uses   *backend.Uses
	folded []bool
	al     *backend.Alloc
	sites  []backend.Site
	layout backend.Layout

	blockAt map[*ssa.Block]int // code offset of each block
	index   map[*ssa.Block]int // position of each block in the layout
	fixups  []fixup            // jumps to blocks, patched at the end
	resumes []int              // LEA fields of exits' resume addresses: patched to the instruction after the RET
	resumeT []int
	stubs   []edgeStub // critical edges with phi moves, emitted after the blocks
	cold    []coldStub // rarely taken paths of single values, emitted last

	writeBarrier   uintptr // see Machine
	gcWriteBarrier uintptr // see Machine
	avx2           bool    // see Machine
}

// coldStub is a rarely taken path out of the middle of a block: a
// conditional jump at at, code, and a jump back to back.
type coldStub struct {
	at, back int
	code     func()
}

type fixup struct {
	at int
	b  *ssa.Block
}

type edgeStub struct {
	at       int // the jump's rel32 field
	from, to *ssa.Block
	poll     bool // a backward edge: poll for preemption before the jump
}

func newGen(f *ssa.Func) *gen {
	g := &gen{f: f, uses: backend.CountUses(f), folded: make([]bool, f.NumValues()), blockAt: map[*ssa.Block]int{}, index: map[*ssa.Block]int{}}
	for i, b := range f.Blocks {
		g.index[b] = i
	}
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			g.folded[v.ID] = g.foldable(v)
		}
	}
	g.al = backend.Allocate(f, len(allocatable), func(v *ssa.Value) bool { return g.folded[v.ID] })
	g.layout = backend.NewLayout(g.al.Slots, g.exits(), len(allocatable))
	return g
}

// exits reports whether the function can exit: at an OpExit, at a
// preemption poll (every loop), or at a pointer store's write barrier.
// Only then does its context need room for exit arguments and registers.
func (g *gen) exits() bool {
	for _, b := range g.f.Blocks {
		for _, s := range b.Succs {
			if g.backward(b, s) {
				return true
			}
		}
		for _, v := range b.Values {
			if v.Op == ssa.OpExit || (v.Op == ssa.OpStore && v.Args[1].Type == ssa.TypePtr) {
				return true
			}
		}
	}
	return false
}

// foldable reports whether v is computed by the instructions that use it
// rather than into a location of its own: constants (immediates), constant
// offsets used only as addresses, a comparison that only decides its
// block's branch, a byte swap that only feeds a store.
func (g *gen) foldable(v *ssa.Value) bool {
	users := g.uses.Users[v.ID]
	switch v.Op {
	case ssa.OpConst:
		return true
	case ssa.OpAddPtr:
		if v.Args[1].Op != ssa.OpConst || !fitsInt32(v.Args[1].AuxInt) || g.uses.Control[v.ID] {
			return false
		}
		for _, u := range users {
			if (u.Op != ssa.OpLoad && u.Op != ssa.OpStore) || u.Args[0] != v || (u.Op == ssa.OpStore && u.Args[1] == v) {
				return false
			}
		}
		return len(users) > 0
	case ssa.OpEq, ssa.OpNe, ssa.OpLt, ssa.OpLtU:
		// Only branches use it (one or several, after CSE): each
		// compares anew rather than keep a flag in a register.
		return len(users) == 0 && g.uses.Control[v.ID] && onlyIfControls(g.f, v)
	case ssa.OpBswap:
		return len(users) == 1 && !g.uses.Control[v.ID] && users[0].Op == ssa.OpStore && users[0].Args[1] == v && users[0].Args[0] != v
	case ssa.OpLoad:
		// A load that only feeds a folded byte swap is made at the store,
		// straight into the scratch register the swap works in, when
		// nothing between the two writes memory.
		if len(users) != 1 || g.uses.Control[v.ID] || users[0].Op != ssa.OpBswap || !g.foldable(users[0]) {
			return false
		}
		st := g.uses.Users[users[0].ID][0]
		return st.Block == v.Block && !writesBetween(v, st)
	}
	return false
}

// onlyIfControls reports whether every block v controls is an If.
func onlyIfControls(f *ssa.Func, v *ssa.Value) bool {
	for _, b := range f.Blocks {
		if b.Control == v && b.Kind != ssa.BlockIf {
			return false
		}
	}
	return true
}

// writesBetween reports whether a value after from and before to, in their
// block, writes memory (a store, a copy, an exit).
func writesBetween(from, to *ssa.Value) bool {
	in := false
	for _, v := range from.Block.Values {
		switch {
		case v == from:
			in = true
		case v == to:
			return false
		case in && (v.Op == ssa.OpStore || v.Op == ssa.OpMove || v.Op == ssa.OpExit):
			return true
		}
	}
	return true
}

func fitsInt32(c int64) bool { return c >= -1<<31 && c < 1<<31 }

// function emits the prologue, the blocks in order, the edge stubs and
// the resume stub, then patches every jump.
func (g *gen) function() {
	a := &g.a
	a.MovRR(8, ctxReg, RDI)
	a.Load(8, tmp0, ctxWord(backend.CtxResume))
	a.TestRR(8, tmp0, tmp0)
	toRestore := a.Jcc(CondNE, 0)
	for i, b := range g.f.Blocks {
		var next *ssa.Block
		if i+1 < len(g.f.Blocks) {
			next = g.f.Blocks[i+1]
		}
		g.blockAt[b] = a.Len()
		g.block(b, next)
	}
	for _, s := range g.stubs {
		a.Patch32(s.at, a.Len())
		g.phiMoves(s.from, s.to)
		if s.poll {
			g.poll()
		}
		g.jumpTo(s.to)
	}
	for i := 0; i < len(g.cold); i++ { // a cold stub may add another
		c := g.cold[i]
		a.Patch32(c.at, a.Len())
		c.code()
		a.Patch32(a.Jmp(0), c.back)
	}
	// The resume stub: every allocatable register back from the context,
	// then on at the address the exit left.
	a.Patch32(toRestore, a.Len())
	for i, r := range allocatable {
		a.Load(8, r, g.savedReg(i))
	}
	a.JmpMem(ctxWord(backend.CtxResume))
	for _, fx := range g.fixups {
		a.Patch32(fx.at, g.blockAt[fx.b])
	}
	for i, at := range g.resumes {
		a.Patch32(at, g.resumeT[i])
	}
}

// outOfLine emits a jump, taken under c, to cold code emitted after the
// function's blocks, then hot (nil: nothing), the code the jump skips;
// the cold code jumps back to the instruction after hot. Scratch
// registers are not preserved across it.
func (g *gen) outOfLine(c Cond, cold, hot func()) {
	at := g.a.Jcc(c, 0)
	if hot != nil {
		hot()
	}
	g.cold = append(g.cold, coldStub{at: at, back: g.a.Len(), code: cold})
}

func (g *gen) jumpTo(b *ssa.Block) {
	g.fixups = append(g.fixups, fixup{g.a.Jmp(0), b})
}

func (g *gen) jccTo(c Cond, b *ssa.Block) {
	g.fixups = append(g.fixups, fixup{g.a.Jcc(c, 0), b})
}

// backward reports whether the edge from b to to jumps back in the layout:
// every loop has such an edge, so polling on each bounds how long code runs
// without a chance to stop.
func (g *gen) backward(b, to *ssa.Block) bool { return g.index[to] <= g.index[b] }

func hasPhis(b *ssa.Block) bool {
	for _, v := range b.Values {
		if v.Op == ssa.OpPhi {
			return true
		}
	}
	return false
}

// block emits b's values and how control leaves it; next is the block
// laid out after it (nil for the last).
func (g *gen) block(b *ssa.Block, next *ssa.Block) {
	for _, v := range b.Values {
		if !g.folded[v.ID] {
			g.value(v)
		}
	}
	a := &g.a
	switch b.Kind {
	case ssa.BlockReturn:
		g.storeWord(ctxWord(backend.CtxResult), b.Control)
		a.AluRR(Xor, 4, RAX, RAX)
		a.Ret()
	case ssa.BlockPlain:
		g.phiMoves(b, b.Succs[0])
		if g.backward(b, b.Succs[0]) {
			g.poll()
		}
		if b.Succs[0] != next {
			g.jumpTo(b.Succs[0])
		}
	case ssa.BlockIf:
		cc := g.condition(b.Control)
		t, e := b.Succs[0], b.Succs[1]
		// An edge needs a stub of its own for phi moves or a poll.
		needsStub := func(to *ssa.Block) bool { return hasPhis(to) || g.backward(b, to) }
		branch := func(c Cond, to *ssa.Block) {
			if needsStub(to) {
				g.stubs = append(g.stubs, edgeStub{a.Jcc(c, 0), b, to, g.backward(b, to)})
				return
			}
			g.jccTo(c, to)
		}
		switch {
		case e == next && !needsStub(e):
			branch(cc, t)
		case t == next && !needsStub(t):
			branch(cc^1, e)
		default:
			branch(cc, t)
			if needsStub(e) {
				g.stubs = append(g.stubs, edgeStub{a.Jmp(0), b, e, g.backward(b, e)})
			} else {
				g.jumpTo(e)
			}
		}
	default:
		panic(fmt.Sprintf("block kind %v", b.Kind))
	}
}

// condition sets the flags for a branch on c and returns the condition
// under which the branch is taken.
func (g *gen) condition(c *ssa.Value) Cond {
	if g.folded[c.ID] && c.Op != ssa.OpConst {
		return g.compare(c)
	}
	r := g.in(c, tmp0)
	g.a.TestRR(1, r, r)
	return CondNE
}
