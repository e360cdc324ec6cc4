package ssa

import (
	"fmt"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// The arguments of decode functions.
const (
	decArgBase  = iota // the struct's address
	decArgIn           // the input's address
	decArgInLen        // the input's length
	decArgPos          // the position to start reading at
	decArgDepth        // the nesting level of the struct (0 at the top)
	decArgArena        // the arena: two words, the next free and the end address of pointer-free memory
)

// skipWidths holds, for each wire type id, the bytes a value of it takes
// when that is fixed, else 0: generated code skips unknown fields by it.
var skipWidths = func() (w [256]uint8) {
	for t := range w {
		w[t] = uint8(wire.Type(t).FixedSize())
	}
	return w
}()

// EmptyData is the data address of decoded empty binaries and lists: not
// nil, so that an empty value stays distinguishable from an absent one.
var EmptyData [8]byte

// BuildDecode builds the SSA function of a decode program. Its arguments
// are the struct's address, the input's address and length, the starting
// position, the struct's nesting level and the arena's address (two
// words in Go memory: the next free and the end address of a chunk of
// pointer-free memory that string bytes are carved from; ExitAllocBytes
// refills it); its result is the position after the struct, or -1 after
// an exit recorded an error.
func BuildDecode(p *ir.Program) (*Func, error) {
	f := NewFunc("decode "+p.Struct.Name, TypePtr, TypePtr, TypeI64, TypeI64, TypeI64, TypePtr)
	bd := &builder{f: f, b: f.Entry}
	mem := bd.value(OpInitMem, TypeMem, 0)
	base := bd.value(OpArg, TypePtr, decArgBase)
	d := &decodeBuilder{encodeBuilder: encodeBuilder{builder: bd, name: p.Struct.Name},
		in: bd.value(OpArg, TypePtr, decArgIn), inLen: bd.value(OpArg, TypeI64, decArgInLen),
		depth: bd.value(OpArg, TypeI64, decArgDepth), arena: bd.value(OpArg, TypePtr, decArgArena)}
	d.out = d.in // need, at and fail work on the input as on an output
	d.outLen = d.inLen
	bd.vars = []*Value{mem, bd.value(OpArg, TypeI64, decArgPos)}
	if err := d.list(p.Body, base); err != nil {
		return nil, err
	}
	bd.returnValue(bd.vars[varPos])
	return f, nil
}

type decodeBuilder struct {
	encodeBuilder
	in, inLen *Value
	depth     *Value // the nesting level of the program's struct
	arena     *Value // where string bytes are carved from (see BuildDecode)
	// prechecked is set while building the elements of a container whose
	// elements are all fixed-size: checkRoom already made sure the input
	// holds every one of them, so their reads need no check of their own.
	prechecked bool
}

// checkDepth fails with ErrDepthLimit when something level levels below the
// program's struct nests deeper than wire.MaxDepth.
func (d *decodeBuilder) checkDepth(level int) {
	if level == 0 {
		return // the struct's own level was checked by whoever called it
	}
	d.guard(d.value(OpLt, TypeBool, 0, d.iconst(TypeI64, int64(wire.MaxDepth-level)), d.depth),
		func() { d.fail(wire.ErrDepthLimit, "") })
}

// levelBelow returns the nesting level of something level levels below the
// program's struct.
func (d *decodeBuilder) levelBelow(level int) *Value {
	return d.add(d.depth, d.iconst(TypeI64, int64(level)))
}

// needIn fails with ErrTruncated unless n more input bytes remain.
func (d *decodeBuilder) needIn(n *Value) {
	end := d.add(d.pos(), n)
	d.guard(d.value(OpLtU, TypeBool, 0, d.inLen, end), func() { d.fail(wire.ErrTruncated, "") })
}

func (d *decodeBuilder) needInConst(n int64) { d.needIn(d.iconst(TypeI64, n)) }

// loadBE loads a big-endian integer of type t at the position plus off.
func (d *decodeBuilder) loadBE(t Type, off int64) *Value {
	v := d.load(t, d.at(off))
	if t.Size() > 1 {
		v = d.value(OpBswap, t, 0, v)
	}
	return v
}

func (d *decodeBuilder) store(p, v *Value) {
	d.vars[varMem] = d.value(OpStore, TypeMem, 0, p, v, d.mem())
}

// readCount reads an i32 count at the position plus off, fails on a
// negative one, and returns it as i64.
func (d *decodeBuilder) readCount(off int64) *Value {
	n := d.loadBE(TypeI32, off)
	d.guard(d.value(OpLt, TypeBool, 0, n, d.iconst(TypeI32, 0)), func() { d.fail(wire.ErrNegativeSize, "") })
	return d.value(OpZeroExt, TypeI64, 0, n)
}

// checkRoom fails with ErrTruncated when n elements of at least min bytes
// each cannot fit in the input that remains.
func (d *decodeBuilder) checkRoom(n *Value, min int) {
	left := d.value(OpSub, TypeI64, 0, d.inLen, d.pos())
	need := d.value(OpMul, TypeI64, 0, n, d.iconst(TypeI64, int64(min)))
	d.guard(d.value(OpLtU, TypeBool, 0, left, need), func() { d.fail(wire.ErrTruncated, "") })
}

func (d *decodeBuilder) list(list []*ir.Instr, base *Value) error {
	for k := 0; k < len(list); k++ {
		in := list[k]
		if in.Op == ir.OpReadFields { // a struct: the field loop and what follows it
			end := k + 1
			for end < len(list) && (list[end].Op == ir.OpCheckRequired || list[end].Op == ir.OpKeepUnknown) {
				end++
			}
			if err := d.structScope(in, list[k+1:end], base); err != nil {
				return err
			}
			k = end - 1
			continue
		}
		if err := d.instr(in, base); err != nil {
			return err
		}
	}
	return nil
}

// structScope decodes one struct: its field loop, then its required-field
// check and unknown fields. The struct's seen-fields mask is a variable of
// its own for the length of the scope.
func (d *decodeBuilder) structScope(fields *ir.Instr, after []*ir.Instr, base *Value) error {
	var keep, check *ir.Instr
	for _, in := range after {
		switch in.Op {
		case ir.OpKeepUnknown:
			keep = in
		case ir.OpCheckRequired:
			check = in
		}
	}
	if check != nil && check.N > 64 {
		return fmt.Errorf("ssa: %s has %d required fields; decode programs track at most 64", check.Callee.Name, check.N)
	}
	d.checkDepth(fields.Level)
	var mark *Value
	if keep != nil {
		mark = d.exit(ExitUnknownMark, nil, TypeI64)
	}
	d.vars = append(d.vars, d.iconst(TypeI64, 0))
	seen := len(d.vars) - 1
	if err := d.fieldLoop(fields, base, keep != nil); err != nil {
		return err
	}
	if check != nil {
		all := d.iconst(TypeI64, int64(uint64(1)<<check.N-1))
		if check.N == 64 {
			all = d.iconst(TypeI64, -1)
		}
		got := d.value(OpAnd, TypeI64, 0, d.vars[seen], all)
		d.guard(d.value(OpNe, TypeBool, 0, got, all), func() {
			d.exit(ExitMissingRequired, check.Callee, TypeI64, d.vars[seen])
			d.returnValue(d.iconst(TypeI64, -1))
		})
	}
	if keep != nil {
		d.exit(ExitKeepUnknown, nil, TypeI64, mark, d.ptrAt(base, keep.Off))
	}
	d.vars = d.vars[:seen]
	return nil
}

// fieldLoop reads field headers until the stop byte, dispatching each to
// its case by id and wire type; others are skipped (and kept when keep).
func (d *decodeBuilder) fieldLoop(fields *ir.Instr, base *Value, keep bool) error {
	f := d.f
	head, done := f.NewBlock(BlockPlain), f.NewBlock(BlockPlain)
	d.b.AddEdge(head)
	phis := make([]*Value, len(d.vars))
	for k, v := range d.vars {
		phis[k] = head.NewValue(OpPhi, v.Type, 0, v, nil)
	}
	copy(d.vars, phis)
	d.b = head
	d.needInConst(1)
	t := d.load(TypeI8, d.at(0))
	stop, more := f.NewBlock(BlockPlain), f.NewBlock(BlockPlain)
	d.b.Kind, d.b.Control = BlockIf, d.value(OpEq, TypeBool, 0, t, d.iconst(TypeI8, 0))
	d.b.AddEdge(stop)
	d.b.AddEdge(more)
	d.b.Likely = 1
	atHead := append([]*Value(nil), d.vars...)

	d.b = stop
	d.advance(1)
	d.b.AddEdge(done)
	atStop := append([]*Value(nil), d.vars...)

	copy(d.vars, atHead)
	d.b = more
	d.needInConst(3)
	// The header as one key: the type byte, then the id's two bytes as
	// they are in the input (big-endian), so that each case is one
	// comparison with a constant.
	raw := d.value(OpZeroExt, TypeI32, 0, d.load(TypeI16, d.at(1)))
	key := d.value(OpOr, TypeI32, 0, d.value(OpZeroExt, TypeI32, 0, t), d.value(OpMul, TypeI32, 0, raw, d.iconst(TypeI32, 256)))
	d.advance(3)
	var err error
	d.dispatch(fields.Body, key, t, base, keep, fields.Level, &err)
	if err != nil {
		return err
	}
	d.b.AddEdge(head)
	for k, p := range phis {
		p.Args[1] = d.vars[k]
	}
	copy(d.vars, atStop)
	d.b = done
	return nil
}

// dispatch compares the header's key with each case's in turn; a header
// no case has (an unknown id, or a known id with another wire type) is
// skipped.
func (d *decodeBuilder) dispatch(cases []*ir.Instr, key, t, base *Value, keep bool, level int, err *error) {
	if len(cases) == 0 {
		d.unknownField(t, keep, level)
		return
	}
	c := cases[0]
	head := d.b
	d.ifElse(d.value(OpEq, TypeBool, 0, key, d.iconst(TypeI32, headerKey(c.Wire, c.ID))), func() {
		d.inField(c.Field, func() {
			if e := d.list(c.Body, base); e != nil && *err == nil {
				*err = e
			}
		})
	}, func() { d.dispatch(cases[1:], key, t, base, keep, level, err) })
	// The comparisons are laid out one after another and the cases'
	// bodies after them: the header's values then live only through the
	// comparisons, not through every body before the last one.
	head.Likely = 1
}

// headerKey is the key of a field header (see fieldLoop): the type byte,
// then the id's high byte, then its low byte, read little-endian.
func headerKey(w wire.Type, id int16) int64 {
	return int64(w) | int64(uint16(id)>>8)<<8 | int64(uint16(id)&0xff)<<16
}

// unknownField skips the value of wire type t after a field header of a
// struct level levels below the program's, keeping the whole field when
// keep. Scalars and strings are skipped in generated code.
func (d *decodeBuilder) unknownField(t *Value, keep bool, level int) {
	start := d.value(OpSub, TypeI64, 0, d.pos(), d.iconst(TypeI64, 3))
	wt := d.value(OpZeroExt, TypeI64, 0, t)
	lvl := d.levelBelow(level + 1)
	skipByDriver := func() {
		next := d.exit(ExitSkip, nil, TypeI64, d.pos(), wt, lvl)
		d.guard(d.value(OpEq, TypeBool, 0, next, d.iconst(TypeI64, -1)), func() { d.returnValue(next) })
		d.vars[varPos] = next
	}
	// Scalars and strings are skipped here, containers and structs by
	// the driver (wire.Skip), as is anything below the depth limit, which
	// wire.Skip refuses whatever its type.
	width := d.load(TypeI8, d.value(OpAddPtr, TypePtr, 0, d.iconst(TypePtr, int64(uintptr(unsafe.Pointer(&skipWidths)))), wt))
	d.likelyIf(d.value(OpLt, TypeBool, 0, d.iconst(TypeI64, wire.MaxDepth), lvl), false, skipByDriver, func() {
		d.likelyIf(d.value(OpNe, TypeBool, 0, width, d.iconst(TypeI8, 0)), true, func() {
			n := d.value(OpZeroExt, TypeI64, 0, width)
			d.needIn(n)
			d.vars[varPos] = d.add(d.pos(), n)
		}, func() {
			d.ifElse(d.value(OpEq, TypeBool, 0, t, d.iconst(TypeI8, int64(wire.String))), func() {
				d.needInConst(4)
				n := d.readCount(0)
				d.advance(4)
				d.needIn(n)
				d.vars[varPos] = d.add(d.pos(), n)
			}, skipByDriver)
		})
	})
	if keep {
		d.exit(ExitUnknownField, nil, TypeI64, start, d.pos())
	}
}

func (d *decodeBuilder) instr(in *ir.Instr, base *Value) error {
	switch in.Op {
	case ir.OpReadFixed:
		d.readFixed(in.Type, d.ptrAt(base, in.Off))
	case ir.OpReadBytes:
		d.readBytes(in.Type, d.ptrAt(base, in.Off), in.NoCopy)
	case ir.OpReadList:
		return d.readList(in, d.ptrAt(base, in.Off))
	case ir.OpReadMap:
		return d.readMap(in, d.ptrAt(base, in.Off))
	case ir.OpNew:
		q := d.exit(ExitNew, in.Type, TypePtr, d.ptrAt(base, in.Off))
		return d.list(in.Body, q)
	case ir.OpResetStruct:
		d.exit(ExitResetStruct, in.Type, TypeI64, d.ptrAt(base, in.Off))
	case ir.OpMarkRequired:
		k := len(d.vars) - 1 // the innermost struct's seen mask
		d.vars[k] = d.value(OpOr, TypeI64, 0, d.vars[k], d.iconst(TypeI64, int64(uint64(1)<<in.N)))
	case ir.OpCall:
		next := d.exit(ExitCallDecode, in.Callee, TypeI64, d.ptrAt(base, in.Off), d.pos(), d.levelBelow(in.Level))
		d.guard(d.value(OpEq, TypeBool, 0, next, d.iconst(TypeI64, -1)), func() { d.returnValue(next) })
		d.vars[varPos] = next
	default:
		panic("ssa: " + in.Op.String() + " in a decode program")
	}
	return nil
}

// readFixed decodes a fixed-size value of type t into p.
func (d *decodeBuilder) readFixed(t *ir.Type, p *Value) {
	k := t.FixedSize
	if !d.prechecked {
		d.needInConst(int64(k))
	}
	v := d.loadBE(IntType(k), 0)
	switch t.Kind {
	case ir.Bool: // as Apache Thrift: any byte other than 1 is false
		v = d.value(OpEq, TypeBool, 0, v, d.iconst(TypeI8, 1))
	case ir.Enum:
		switch mt := IntType(int(t.Size)); {
		case mt.Size() > 4:
			v = d.value(OpSignExt, mt, 0, v)
		case mt.Size() < 4:
			v = d.value(OpTrunc, mt, 0, v)
		}
	}
	d.store(p, v)
	d.advance(int64(k))
}

// readBytes decodes a length-prefixed string or binary into the header at p.
func (d *decodeBuilder) readBytes(t *ir.Type, p *Value, nocopy bool) {
	d.needInConst(4)
	n := d.readCount(0)
	d.advance(4)
	d.needIn(n)
	isBinary := t.Kind == ir.Binary
	d.ifElse(d.value(OpEq, TypeBool, 0, n, d.iconst(TypeI64, 0)), func() {
		data := d.iconst(TypePtr, 0)
		if isBinary {
			data = d.iconst(TypePtr, int64(uintptr(unsafe.Pointer(&EmptyData))))
		}
		d.storeHeader(p, data, n, isBinary)
	}, func() {
		var data *Value
		if nocopy {
			data = d.at(0)
		} else {
			data = d.carve(n)
			d.vars[varMem] = d.value(OpMove, TypeMem, 0, data, d.at(0), n, d.mem())
		}
		d.storeHeader(p, data, n, isBinary)
	})
	d.vars[varPos] = d.add(d.pos(), n)
}

// carve returns the address of n pointer-free bytes: the arena's next n
// when it has them, else what ExitAllocBytes returns (it refills the
// arena, or allocates n bytes apart when n is large).
func (d *decodeBuilder) carve(n *Value) *Value { return d.carveAligned(n, 1) }

// carveAligned is carve for memory aligned to align (a power of two, at
// most 8: chunks and large allocations are 8-aligned).
func (d *decodeBuilder) carveAligned(n *Value, align int64) *Value {
	// The arena's words are integers to the GC (it never scans them), so
	// they are read and written as i64: a pointer store would take the
	// write barrier.
	cur := d.load(TypeI64, d.arena)
	if align > 1 {
		cur = d.value(OpAnd, TypeI64, 0, d.add(cur, d.iconst(TypeI64, align-1)), d.iconst(TypeI64, -align))
	}
	end := d.load(TypeI64, d.ptrAt(d.arena, 8))
	next := d.add(cur, n)
	return d.choose(d.value(OpLtU, TypeBool, 0, end, next), func() *Value {
		return d.exit(ExitAllocBytes, nil, TypePtr, n)
	}, func() *Value {
		d.store(d.arena, next)
		return d.value(OpAddPtr, TypePtr, 0, d.iconst(TypePtr, 0), cur)
	})
}

// storeHeader stores a string header (data, len) or, for slices, (data,
// len, cap=len) at p.
func (d *decodeBuilder) storeHeader(p, data, n *Value, slice bool) {
	d.store(p, data)
	d.store(d.ptrAt(p, 8), n)
	if slice {
		d.store(d.ptrAt(p, 16), n)
	}
}

// readList decodes a list or set into the slice at p.
func (d *decodeBuilder) readList(in *ir.Instr, p *Value) error {
	t := in.Type
	d.checkDepth(in.Level)
	d.needInConst(5)
	got := d.load(TypeI8, d.at(0))
	n := d.readCount(1)
	d.advance(5)
	var err error
	d.ifElse(d.value(OpEq, TypeBool, 0, n, d.iconst(TypeI64, 0)), func() {
		d.storeHeader(p, d.iconst(TypePtr, int64(uintptr(unsafe.Pointer(&EmptyData)))), n, true)
	}, func() {
		d.checkRoom(n, t.Elem.MinSize)
		d.guard(d.value(OpNe, TypeBool, 0, got, d.iconst(TypeI8, int64(in.Wire))), func() { d.fail(wire.ErrTypeMismatch, "") })
		var data *Value
		if t.Elem.IsScalar() {
			// Pointer-free elements come from the arena, not zeroed:
			// checkRoom made sure the input holds every element, and
			// elements of fixed size cannot fail, so each is written.
			size := d.value(OpMul, TypeI64, 0, n, d.iconst(TypeI64, int64(in.N)))
			data = d.carveAligned(size, int64(t.Elem.Value.Align()))
		} else {
			data = d.exit(ExitAllocSlice, t, TypePtr, n)
		}
		d.storeHeader(p, data, n, true)
		d.prechecked = t.Elem.FixedSize > 0 && !t.Elem.Pointer
		elem := d.elements(in.Body, n)
		d.loop(n, func(i *Value) {
			slot := d.value(OpAddPtr, TypePtr, 0, data, d.value(OpMul, TypeI64, 0, i, d.iconst(TypeI64, int64(in.N))))
			if e := elem(i, slot); e != nil && err == nil {
				err = e
			}
		})
		d.prechecked = false
	})
	return err
}

// elements returns how to decode element i of a container of n elements
// into its slot, by the element program body. Pointers to structs point
// into one batch of n structs allocated before the loop (call it there),
// not each into an allocation of its own.
func (d *decodeBuilder) elements(body []*ir.Instr, n *Value) func(i, slot *Value) error {
	if len(body) != 1 || body[0].Op != ir.OpNew || body[0].Type.Kind != ir.Struct {
		return func(_, slot *Value) error { return d.list(body, slot) }
	}
	nw := body[0]
	batch := d.exit(ExitNewBatch, nw.Type, TypePtr, n)
	size := int64(nw.Type.Value.Size())
	return func(i, slot *Value) error {
		q := d.value(OpAddPtr, TypePtr, 0, batch, d.value(OpMul, TypeI64, 0, i, d.iconst(TypeI64, size)))
		d.store(slot, q)
		return d.list(nw.Body, q)
	}
}

// readMap decodes a map into the slot at p: entries into the driver's
// scratch, then one exit inserts them all.
func (d *decodeBuilder) readMap(in *ir.Instr, p *Value) error {
	t := in.Type
	d.checkDepth(in.Level)
	d.needInConst(6)
	kt, vt := d.load(TypeI8, d.at(0)), d.load(TypeI8, d.at(1))
	n := d.readCount(2)
	d.advance(6)
	var err error
	d.ifElse(d.value(OpEq, TypeBool, 0, n, d.iconst(TypeI64, 0)), func() {}, func() {
		d.checkRoom(n, t.Key.MinSize+t.Elem.MinSize)
		d.guard(d.value(OpNe, TypeBool, 0, kt, d.iconst(TypeI8, int64(t.Key.Wire))), func() { d.fail(wire.ErrTypeMismatch, "") })
		d.guard(d.value(OpNe, TypeBool, 0, vt, d.iconst(TypeI8, int64(t.Elem.Wire))), func() { d.fail(wire.ErrTypeMismatch, "") })
		scratch := d.exit(ExitMapScratch, t, TypePtr, n)
		keys, vals := d.load(TypePtr, scratch), d.load(TypePtr, d.ptrAt(scratch, 8))
		ks, vs := int64(t.Key.Go.Size()), int64(t.Elem.Go.Size())
		d.prechecked = t.Key.FixedSize > 0 && t.Elem.FixedSize > 0 && !t.Key.Pointer && !t.Elem.Pointer
		defer func() { d.prechecked = false }()
		key, value := d.elements(in.Key, n), d.elements(in.Value, n)
		d.loop(n, func(i *Value) {
			kp := d.value(OpAddPtr, TypePtr, 0, keys, d.value(OpMul, TypeI64, 0, i, d.iconst(TypeI64, ks)))
			vp := d.value(OpAddPtr, TypePtr, 0, vals, d.value(OpMul, TypeI64, 0, i, d.iconst(TypeI64, vs)))
			if e := key(i, kp); e != nil && err == nil {
				err = e
			}
			if e := value(i, vp); e != nil && err == nil {
				err = e
			}
		})
	})
	d.exit(ExitMapInsert, t, TypeI64, p, n)
	return err
}
