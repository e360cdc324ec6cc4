package ssa

import (
	"github.com/frugaljit/frugal/internal/gomap"
	"github.com/frugaljit/frugal/ir"
)

// mapLen reads the number of entries of the map at slot as Go's compiler
// compiles len(m): 0 for a nil map, else the first word of the map's
// header, where the runtime keeps the count for the compiler's sake
// (internal/runtime/maps.Map.used; hmap.count before Go 1.24's swiss
// maps). gomap.CheckHeader verifies it on the running Go.
func (bd *builder) mapLen(slot *Value) *Value {
	m := bd.load(TypePtr, slot)
	return bd.choose(bd.value(OpEq, TypeBool, 0, m, bd.iconst(TypePtr, 0)),
		func() *Value { return bd.iconst(TypeI64, 0) },
		func() *Value { return bd.load(TypeI64, bd.ptrAt(m, gomap.UsedOff)) })
}

// ifEntries runs body when the map at slot has entries. The driver's map
// exits do nothing for an empty map but still cost a return to Go and back,
// and real messages carry many empty or nil maps.
func (bd *builder) ifEntries(slot *Value, body func()) {
	bd.ifElse(bd.value(OpNe, TypeBool, 0, bd.mapLen(slot), bd.iconst(TypeI64, 0)), body, nil)
}

// mapDir loads the directory of the map at slot, which has entries, and
// its length, and builds the test whether the map is small: then the
// directory is its one group.
func (bd *builder) mapDir(slot *Value) (small, dir, dirLen *Value) {
	m := bd.load(TypePtr, slot)
	dir, dirLen = bd.load(TypePtr, bd.ptrAt(m, gomap.DirOff)), bd.load(TypeI64, bd.ptrAt(m, gomap.DirLenOff))
	return bd.value(OpEq, TypeBool, 0, dirLen, bd.iconst(TypeI64, 0)), dir, dirLen
}

// dirTable loads the table at entry d of the directory dir, its groups,
// and how many groups there are.
func (bd *builder) dirTable(dir, d *Value) (table, groups, n *Value) {
	table = bd.load(TypePtr, bd.value(OpAddPtr, TypePtr, 0, dir, bd.value(OpMul, TypeI64, 0, d, bd.iconst(TypeI64, int64(gomap.PtrSize)))))
	groups = bd.load(TypePtr, bd.ptrAt(table, gomap.TableGroupsOff))
	n = bd.add(bd.load(TypeI64, bd.ptrAt(table, gomap.TableMaskOff)), bd.iconst(TypeI64, 1))
	return table, groups, n
}

// directEntries runs entry on the addresses of the key and the element of
// each entry of the map of type t (an ir.DirectMap) at slot, which has
// entries (see ifEntries), then done on how many there were, where gomap
// verified how this Go lays maps out: the program reads them where Go
// keeps them, a small map's group or a larger one's tables, and a map
// costs no exit. The two ways each have a copy of entry (a few
// instructions: these maps hold scalars and strings), so that small maps,
// the common ones, walk their group with nothing else live. Elsewhere
// viaDriver runs instead, which has the driver do all the entries in one
// exit.
func (bd *builder) directEntries(t *ir.Type, slot *Value, entry func(k, v *Value), done func(n *Value), viaDriver func()) {
	l, ok := gomap.Walk(t.Go)
	if !ok {
		viaDriver()
		return
	}
	small, dir, dirLen := bd.mapDir(slot)
	bd.likelyIf(small, true, func() {
		done(bd.entryLoop(bd.iconst(TypeI64, gomap.GroupSlots), entry, func(i *Value) (*Value, *Value, *Value) {
			return bd.groupEntry(dir, i, l)
		}))
	}, func() { done(bd.walkTables(dir, dirLen, l, entry)) })
}

// walkTables runs entry on the key and element of each full slot of a
// large map, whose directory dir lists dirLen tables, laid out as l, and
// returns how many there were: each table is an array of groups, and one
// serving several consecutive entries of the directory is walked once.
func (bd *builder) walkTables(dir, dirLen *Value, l gomap.Layout, entry func(k, v *Value)) *Value {
	k := len(bd.vars)
	bd.vars = append(bd.vars, bd.iconst(TypeI64, 0), bd.iconst(TypePtr, 0)) // temporaries: the count, the table walked last
	bd.loop(dirLen, func(d *Value) {
		table, groups, n := bd.dirTable(dir, d)
		fresh := bd.value(OpNe, TypeBool, 0, table, bd.vars[k+1])
		bd.vars[k+1] = table
		bd.ifElse(fresh, func() {
			bd.loop(n, func(gi *Value) {
				g := bd.value(OpAddPtr, TypePtr, 0, groups, bd.value(OpMul, TypeI64, 0, gi, bd.iconst(TypeI64, int64(l.GroupSize))))
				bd.vars[k] = bd.add(bd.vars[k], bd.entryLoop(bd.iconst(TypeI64, gomap.GroupSlots), entry, func(i *Value) (*Value, *Value, *Value) {
					return bd.groupEntry(g, i, l)
				}))
			})
		}, nil)
	})
	n := bd.vars[k]
	bd.vars = bd.vars[:k]
	return n
}

// eachEntry runs entry on the addresses of the key and the element of each
// entry of the map of type t at slot, which has entries (see ifEntries),
// then done on how many there were. Where gomap verified how this Go lays
// maps out, the program reads them where Go keeps them (walkMap), with no
// exit; elsewhere the driver hands them over in one exit, as an array of
// (key address, element address). entry, a nested struct's whole code
// maybe, is built once.
func (bd *builder) eachEntry(t *ir.Type, slot *Value, entry func(k, v *Value), done func(n *Value)) {
	l, ok := gomap.Walk(t.Go)
	if !ok {
		pairs, n := bd.pairs(t, slot)
		done(bd.entryLoop(n, entry, func(i *Value) (*Value, *Value, *Value) { return bd.pairEntry(pairs, i) }))
		return
	}
	done(bd.walkMap(slot, l, entry))
}

// walkMap runs entry on the key and element of each full slot of the map
// at slot, laid out as l, and returns how many there were: a small map as
// a directory of one table of one group, which the header points to; a
// larger one table by table (see walkTables), all through one copy of
// entry.
func (bd *builder) walkMap(slot *Value, l gomap.Layout, entry func(k, v *Value)) *Value {
	small, dir, dirLen := bd.mapDir(slot)
	k := len(bd.vars)
	bd.vars = append(bd.vars, bd.iconst(TypeI64, 0), bd.iconst(TypePtr, 0)) // temporaries: the count, the table walked last
	tables := bd.choose(small, func() *Value { return bd.iconst(TypeI64, 1) }, func() *Value { return dirLen })
	bd.loop(tables, func(d *Value) {
		j := len(bd.vars)
		// Temporaries: the groups, how many slots they hold, whether to walk them.
		bd.vars = append(bd.vars, dir, bd.iconst(TypeI64, gomap.GroupSlots), bd.iconst(TypeBool, 1))
		bd.likelyIf(small, true, func() {}, func() {
			table, groups, n := bd.dirTable(dir, d)
			bd.vars[j+2] = bd.value(OpNe, TypeBool, 0, table, bd.vars[k+1])
			bd.vars[k+1] = table
			bd.vars[j], bd.vars[j+1] = groups, bd.value(OpMul, TypeI64, 0, n, bd.iconst(TypeI64, gomap.GroupSlots))
		})
		groups, slots, walk := bd.vars[j], bd.vars[j+1], bd.vars[j+2]
		bd.vars = bd.vars[:j]
		bd.ifElse(walk, func() {
			bd.vars[k] = bd.add(bd.vars[k], bd.entryLoop(slots, entry, func(i *Value) (*Value, *Value, *Value) {
				g := bd.value(OpAddPtr, TypePtr, 0, groups, bd.value(OpMul, TypeI64, 0,
					bd.value(OpShr, TypeI64, 0, i, bd.iconst(TypeI64, 3)), bd.iconst(TypeI64, int64(l.GroupSize))))
				return bd.groupEntry(g, bd.value(OpAnd, TypeI64, 0, i, bd.iconst(TypeI64, gomap.GroupSlots-1)), l)
			}))
		}, nil)
	})
	n := bd.vars[k]
	bd.vars = bd.vars[:k]
	return n
}

// entryLoop runs entry on the key and element that fetch returns for each
// i in [0, n) where fetch says to take them, and returns how many it took.
func (bd *builder) entryLoop(n *Value, entry func(k, v *Value), fetch func(i *Value) (key, elem, take *Value)) *Value {
	k := len(bd.vars)
	bd.vars = append(bd.vars, bd.iconst(TypeI64, 0)) // a temporary: the count
	bd.loop(n, func(i *Value) {
		key, elem, take := fetch(i)
		bd.ifElse(take, func() {
			entry(key, elem)
			bd.vars[k] = bd.add(bd.vars[k], bd.iconst(TypeI64, 1))
		}, nil)
	})
	n = bd.vars[k]
	bd.vars = bd.vars[:k]
	return n
}

// groupEntry returns the addresses of the key and the element in slot i of
// the group at g, laid out as l, and whether the slot is full.
func (bd *builder) groupEntry(g, i *Value, l gomap.Layout) (key, elem, full *Value) {
	ctrl := bd.value(OpZeroExt, TypeI64, 0, bd.load(TypeI8, bd.value(OpAddPtr, TypePtr, 0, g, i)))
	full = bd.value(OpLtU, TypeBool, 0, ctrl, bd.iconst(TypeI64, gomap.SlotFull))
	return bd.slotAt(g, i, l.KeysOff, l.KeyStride), bd.slotAt(g, i, l.ElemsOff, l.ElemStride), full
}

// pairs has the driver hand over the entries of the map of type t at slot
// (ExitMapEntries), and returns their array and how many there are: none
// where the driver found another number than the map's length (a map
// changed while it was encoded), which encoding's count check then fails.
func (bd *builder) pairs(t *ir.Type, slot *Value) (pairs, n *Value) {
	pairs = bd.exit(ExitMapEntries, t, TypePtr, slot)
	return pairs, bd.choose(bd.value(OpEq, TypeBool, 0, pairs, bd.iconst(TypePtr, 0)),
		func() *Value { return bd.iconst(TypeI64, 0) },
		func() *Value { return bd.mapLen(slot) })
}

// pairEntry returns the addresses of the key and the element of entry i of
// the array the driver handed over (ExitMapEntries), and true.
func (bd *builder) pairEntry(pairs, i *Value) (key, elem, take *Value) {
	pair := bd.value(OpAddPtr, TypePtr, 0, pairs, bd.value(OpMul, TypeI64, 0, i, bd.iconst(TypeI64, 16)))
	return bd.load(TypePtr, pair), bd.load(TypePtr, bd.ptrAt(pair, 8)), bd.iconst(TypeBool, 1)
}

// slotAt returns g + off + i*stride.
func (bd *builder) slotAt(g, i *Value, off, stride uintptr) *Value {
	p := bd.value(OpAddPtr, TypePtr, 0, g, bd.value(OpMul, TypeI64, 0, i, bd.iconst(TypeI64, int64(stride))))
	return bd.ptrAt(p, off)
}
