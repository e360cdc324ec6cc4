package backend

import (
	"math/bits"
	"sort"

	"github.com/frugaljit/frugal/ssa"
)

// Loc is where a value lives for its whole life: a register (an index into
// the machine's allocatable registers) or a word of the context: a spill
// slot, or for a function argument that gets no register, the argument's
// own word, which the caller wrote and nothing overwrites (an argument is
// never copied to a slot, so every read of it, phi moves included, must
// find it there).
type Loc struct {
	Reg  int // -1: not in a register
	Word int // the context word (an index, see CtxSpill); -1: not in memory
}

// InReg reports whether the value is in a register.
func (l Loc) InReg() bool { return l.Reg >= 0 }

// Uses counts, per value ID, the values that use it as an argument, and
// marks the values that are the control of their own block.
type Uses struct {
	Count   []int
	Control []bool // value is a block's control
	Users   [][]*ssa.Value
}

// CountUses returns the uses of f's values.
func CountUses(f *ssa.Func) *Uses {
	u := &Uses{Count: make([]int, f.NumValues()), Control: make([]bool, f.NumValues()), Users: make([][]*ssa.Value, f.NumValues())}
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			for _, a := range v.Args {
				if a != nil {
					u.Count[a.ID]++
					u.Users[a.ID] = append(u.Users[a.ID], v)
				}
			}
		}
		if b.Control != nil {
			u.Count[b.Control.ID]++
			u.Control[b.Control.ID] = true
		}
	}
	return u
}

// Alloc is the result of register allocation.
type Alloc struct {
	Loc   []Loc // by value ID; values without a result (memory, tuples, folded values) have Reg and Word -1
	Slots int   // spill slots used
	// Lo and Hi are each value's interval, in positions of the layout
	// (-1 for values that take no location); two values whose intervals
	// meet must not share a location.
	Lo, Hi []int
}

// needsLoc reports whether v produces a value that must live somewhere.
func needsLoc(v *ssa.Value, folded func(*ssa.Value) bool) bool {
	switch v.Type {
	case ssa.TypeMem, ssa.TypeTuple, ssa.TypeInvalid:
		return false
	}
	return !folded(v)
}

// Allocate assigns registers and spill slots to f's values by linear scan
// over f.Blocks in their order (the order the code is laid out in). A
// folded value is computed by each instruction that uses it, so it takes
// no location and its arguments stay live up to those uses. Each value gets
// one interval, from its first to its last position in the layout (live
// ranges across blocks included); where regs registers do not suffice,
// the value ending last goes to a slot for its whole life.
func Allocate(f *ssa.Func, regs int, folded func(*ssa.Value) bool) *Alloc {
	n := f.NumValues()
	// Positions: each block has a start (its phis are defined there), one
	// position per value, and an end (its control and the phi moves on
	// its outgoing edges read there).
	//
	// Positions follow allocationOrder, not the layout: a cold block is
	// numbered right after the block that branches to it, so the values
	// its failure path reads stay live a few positions longer instead of
	// to the end of the function, where layout puts the cold code.
	// Intervals built from any order of blocks cover every point where a
	// value is live, so the order changes only how well registers are used.
	order := allocationOrder(f)
	start := make([]int, len(f.Blocks))
	end := make([]int, len(f.Blocks))
	blockIndex := map[*ssa.Block]int{}
	for i, b := range f.Blocks {
		blockIndex[b] = i
	}
	pos := make([]int, n)
	p := 0
	for _, b := range order {
		i := blockIndex[b]
		start[i] = p
		p++
		for _, v := range b.Values {
			if v.Op == ssa.OpPhi {
				pos[v.ID] = start[i]
				continue
			}
			pos[v.ID] = p
			p++
		}
		end[i] = p
		p++
	}

	lo := make([]int, n)
	hi := make([]int, n)
	for i := range lo {
		lo[i], hi[i] = -1, -1
	}
	extend := func(id, at int) {
		if lo[id] < 0 || at < lo[id] {
			lo[id] = at
		}
		if at > hi[id] {
			hi[id] = at
		}
	}

	// uses calls fn for each value whose location a use of v reads:
	// v itself, or the arguments of a folded v.
	var uses func(v *ssa.Value, fn func(*ssa.Value))
	uses = func(v *ssa.Value, fn func(*ssa.Value)) {
		if v == nil || v.Type == ssa.TypeMem {
			return
		}
		if v.Type == ssa.TypeTuple || !folded(v) {
			fn(v)
			return
		}
		for _, a := range v.Args {
			uses(a, fn)
		}
	}

	// Liveness by blocks: live-in = uses before defs, plus live-out minus
	// defs; live-out = the live-ins of the successors plus the arguments of
	// their phis on this edge.
	words := (n + 63) / 64
	liveIn := make([][]uint64, len(f.Blocks))
	liveOut := make([][]uint64, len(f.Blocks))
	for i := range f.Blocks {
		liveIn[i] = make([]uint64, words)
		liveOut[i] = make([]uint64, words)
	}
	set := func(s []uint64, id int) bool {
		if s[id/64]&(1<<(id%64)) != 0 {
			return false
		}
		s[id/64] |= 1 << (id % 64)
		return true
	}
	// Each block's upward-exposed uses (gen) and definitions (kill), and
	// the phi arguments each edge carries, computed once; then a worklist
	// recomputes a block's sets only when a successor's live-in grew.
	gen := make([][]int, len(f.Blocks))
	kill := make([][]int, len(f.Blocks))
	edgeUses := make([][][]int, len(f.Blocks)) // by block, by successor index
	for i, b := range f.Blocks {
		defined := map[int]bool{}
		var g []int
		// A use is upward-exposed unless its value is defined earlier in
		// the block (phis' arguments are uses on the edges instead).
		for _, v := range b.Values {
			if v.Op != ssa.OpPhi {
				for _, a := range v.Args {
					uses(a, func(a *ssa.Value) {
						if !defined[a.ID] {
							g = append(g, a.ID)
						}
					})
				}
			}
			defined[v.ID] = true
			kill[i] = append(kill[i], v.ID)
		}
		uses(b.Control, func(a *ssa.Value) {
			if !defined[a.ID] {
				g = append(g, a.ID)
			}
		})
		gen[i] = g
		edgeUses[i] = make([][]int, len(b.Succs))
		for n, s := range b.Succs {
			k := s.PredIndex(b)
			for _, v := range s.Values {
				if v.Op == ssa.OpPhi {
					uses(v.Args[k], func(a *ssa.Value) { edgeUses[i][n] = append(edgeUses[i][n], a.ID) })
				}
			}
		}
	}
	queued := make([]bool, len(f.Blocks))
	var work []int
	for i := len(f.Blocks) - 1; i >= 0; i-- {
		work = append(work, i)
		queued[i] = true
	}
	live := make([]uint64, words)
	for len(work) > 0 {
		i := work[0]
		work = work[1:]
		queued[i] = false
		b := f.Blocks[i]
		out := liveOut[i]
		for n, s := range b.Succs {
			in := liveIn[blockIndex[s]]
			for w := range out {
				out[w] |= in[w]
			}
			for _, id := range edgeUses[i][n] {
				set(out, id)
			}
		}
		copy(live, out)
		for _, id := range kill[i] {
			live[id/64] &^= 1 << (id % 64)
		}
		for _, id := range gen[i] {
			set(live, id)
		}
		grew := false
		for w := range live {
			if nw := liveIn[i][w] | live[w]; nw != liveIn[i][w] {
				liveIn[i][w] = nw
				grew = true
			}
		}
		if grew {
			for _, p := range b.Preds {
				if j := blockIndex[p]; !queued[j] {
					queued[j] = true
					work = append(work, j)
				}
			}
		}
	}

	// Intervals: every position where a value is defined, used, or live at
	// a block boundary; a phi also where its predecessors write it. Uses
	// outside cold blocks are counted, to choose what to spill.
	hot := make([]int, n)
	for i, b := range f.Blocks {
		if !b.Cold {
			count := func(a *ssa.Value) { hot[a.ID]++ }
			for _, v := range b.Values {
				for _, a := range v.Args {
					uses(a, count)
				}
			}
			uses(b.Control, count)
		}
		forEach(liveIn[i], func(id int) { extend(id, start[i]) })
		forEach(liveOut[i], func(id int) { extend(id, end[i]) })
		for _, v := range b.Values {
			if v.Op == ssa.OpPhi {
				extend(v.ID, start[i])
				for k, a := range v.Args {
					pi := blockIndex[b.Preds[k]]
					extend(v.ID, end[pi])
					uses(a, func(a *ssa.Value) { extend(a.ID, end[pi]) })
				}
				continue
			}
			extend(v.ID, pos[v.ID])
			for _, a := range v.Args {
				uses(a, func(a *ssa.Value) { extend(a.ID, pos[v.ID]) })
			}
		}
		uses(b.Control, func(a *ssa.Value) { extend(a.ID, end[i]) })
	}

	a := &Alloc{Loc: make([]Loc, n), Lo: lo, Hi: hi}
	var values []*ssa.Value
	for _, b := range f.Blocks {
		for _, v := range b.Values {
			a.Loc[v.ID] = Loc{-1, -1}
			if needsLoc(v, folded) && lo[v.ID] >= 0 {
				values = append(values, v)
			}
		}
	}
	for id := range a.Loc {
		if f.Value(id) == nil {
			a.Loc[id] = Loc{-1, -1}
		}
	}
	sort.SliceStable(values, func(i, j int) bool { return lo[values[i].ID] < lo[values[j].ID] })

	// Linear scan. Intervals that touch at a position conflict: an
	// instruction reads its arguments and writes its result at one position.
	var active []*ssa.Value // in registers
	var spilled []*ssa.Value
	freeRegs := make([]bool, regs)
	for i := range freeRegs {
		freeRegs[i] = true
	}
	// A slot is free once its last value's interval ended; an interval
	// spilled after it started may take only a slot freed before its start.
	// An argument stays in its own word and takes no slot.
	var freeSlots []int
	var slotEnd []int // by slot: the end of the last interval in it
	toSlot := func(v *ssa.Value) {
		if v.Op == ssa.OpArg {
			a.Loc[v.ID] = Loc{-1, CtxArgs + int(v.AuxInt)}
			return
		}
		s := -1
		for i, fs := range freeSlots {
			if slotEnd[fs] < lo[v.ID] {
				s = fs
				freeSlots = append(freeSlots[:i], freeSlots[i+1:]...)
				break
			}
		}
		if s < 0 {
			s = a.Slots
			a.Slots++
			slotEnd = append(slotEnd, 0)
		}
		slotEnd[s] = hi[v.ID]
		a.Loc[v.ID] = Loc{-1, CtxSpill + s}
		spilled = append(spilled, v)
	}
	for _, v := range values {
		at := lo[v.ID]
		keep := active[:0]
		for _, w := range active {
			if hi[w.ID] < at {
				freeRegs[a.Loc[w.ID].Reg] = true
			} else {
				keep = append(keep, w)
			}
		}
		active = keep
		keepS := spilled[:0]
		for _, w := range spilled {
			if hi[w.ID] < at {
				freeSlots = append(freeSlots, a.Loc[w.ID].Word-CtxSpill)
			} else {
				keepS = append(keepS, w)
			}
		}
		spilled = keepS
		r := -1
		for i, free := range freeRegs {
			if free {
				r = i
				break
			}
		}
		if r >= 0 {
			freeRegs[r] = false
			a.Loc[v.ID] = Loc{r, -1}
			active = append(active, v)
			continue
		}
		// No register: the interval whose hot uses are sparsest goes to a
		// slot, each of those uses costing a load. Density, not count: a
		// value used once just after it is made (a copy, a sum feeding a
		// phi) holds its register for a moment, and spilling it costs a
		// store and a load on the spot for nothing, while a value kept
		// across a whole loop for a few reads frees its register for all
		// that span.
		weight := func(w *ssa.Value) float64 {
			return (float64(hot[w.ID]) + 1) / float64(hi[w.ID]-lo[w.ID]+2)
		}
		last := -1
		for i, w := range active {
			if last < 0 || weight(w) < weight(active[last]) {
				last = i
			}
		}
		if last >= 0 && weight(active[last]) < weight(v) {
			w := active[last]
			r := a.Loc[w.ID].Reg
			active = append(active[:last], active[last+1:]...)
			toSlot(w)
			a.Loc[v.ID] = Loc{r, -1}
			active = append(active, v)
			continue
		}
		toSlot(v)
	}
	return a
}

// allocationOrder returns f's blocks with each cold block (and the cold
// blocks only it leads to) right after the first block that branches to
// it.
func allocationOrder(f *ssa.Func) []*ssa.Block {
	placed := map[*ssa.Block]bool{}
	var order []*ssa.Block
	var place func(b *ssa.Block)
	place = func(b *ssa.Block) {
		placed[b] = true
		order = append(order, b)
		for _, s := range b.Succs {
			if s.Cold && !placed[s] {
				place(s)
			}
		}
	}
	for _, b := range f.Blocks {
		if !b.Cold && !placed[b] {
			place(b)
		}
	}
	for _, b := range f.Blocks {
		if !placed[b] {
			place(b)
		}
	}
	return order
}

// forEach calls fn with the index of each set bit of s.
func forEach(s []uint64, fn func(int)) {
	for w, x := range s {
		for x != 0 {
			b := bits.TrailingZeros64(x)
			fn(w*64 + b)
			x &^= 1 << b
		}
	}
}
