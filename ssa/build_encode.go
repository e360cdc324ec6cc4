package ssa

import (
	"math"
	"strings"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

const varPos = 1 // the output position of encode programs

// The arguments of encode functions.
const (
	encArgBase      = iota // the struct's address
	encArgOut              // the output buffer's address
	encArgOutLen           // the output buffer's length
	encArgNocopyMin        // the length from which strings go to the NocopyWriter (NocopyMin)
	encArgPos              // the position to start writing at
)

// BuildEncode builds the SSA function of an encode program. Its arguments
// are the struct's address, the output buffer's address and length, the
// length from which strings and binaries go to the NocopyWriter (NocopyMin),
// and the starting position; its result is the position after the struct,
// or -1 after an exit recorded an error.
func BuildEncode(p *ir.Program) *Func {
	f := NewFunc("encode "+p.Struct.Name, TypePtr, TypePtr, TypeI64, TypeI64, TypeI64)
	bd := &builder{f: f, b: f.Entry}
	mem := bd.value(OpInitMem, TypeMem, 0)
	base := bd.value(OpArg, TypePtr, encArgBase)
	e := &encodeBuilder{builder: bd,
		out:       bd.value(OpArg, TypePtr, encArgOut),
		outLen:    bd.value(OpArg, TypeI64, encArgOutLen),
		nocopyMin: bd.value(OpArg, TypeI64, encArgNocopyMin),
		name:      p.Struct.Name}
	bd.vars = []*Value{mem, bd.value(OpArg, TypeI64, encArgPos)}
	e.list(p.Body, base)
	bd.returnValue(bd.vars[varPos])
	return f
}

type encodeBuilder struct {
	*builder
	out, outLen, nocopyMin *Value
	name                   string
	path                   []string // the fields being coded, outermost first, for errors
	// fails holds the error templates of the function's failures, one per
	// distinct error: a program has many exits to the same one (a bounds
	// check per field), and the templates live as long as its code.
	fails map[wire.Error]*wire.Error
}

func (e *encodeBuilder) pos() *Value { return e.vars[varPos] }

func (e *encodeBuilder) advance(n int64) { e.vars[varPos] = e.add(e.pos(), e.iconst(TypeI64, n)) }

// fail ends the function with an error of the given class, at the field
// being coded (and field, when not empty, inside it).
func (e *encodeBuilder) fail(class error, field string) {
	e.failWith(&wire.Error{Class: class, Path: e.pathTo(field)})
}

// failWith ends the function with err, whose Path is where.
func (e *encodeBuilder) failWith(err *wire.Error) {
	if shared := e.fails[*err]; shared != nil {
		err = shared // the driver copies a template before filling it in
	} else {
		if e.fails == nil {
			e.fails = map[wire.Error]*wire.Error{}
		}
		e.fails[*err] = err
	}
	e.exit(ExitFail, err, TypeI64, e.pos())
	e.returnValue(e.iconst(TypeI64, -1))
}

// pathTo is the path of the field being coded, and of field inside it when
// field is not empty.
func (e *encodeBuilder) pathTo(field string) string {
	path := strings.Join(e.path, ".")
	if field != "" {
		path = strings.Trim(path+"."+field, ".")
	}
	return path
}

// inField runs body with field pushed on the error path.
func (e *encodeBuilder) inField(field *ir.Field, body func()) {
	if field == nil {
		body()
		return
	}
	e.path = append(e.path, field.Name)
	body()
	e.path = e.path[:len(e.path)-1]
}

// need fails with ErrShortBuffer unless n more bytes fit.
func (e *encodeBuilder) need(n *Value) {
	end := e.add(e.pos(), n)
	e.guard(e.value(OpLtU, TypeBool, 0, e.outLen, end), func() { e.fail(wire.ErrShortBuffer, "") })
}

func (e *encodeBuilder) needConst(n int64) { e.need(e.iconst(TypeI64, n)) }

// at returns the address of the output position plus off.
func (e *encodeBuilder) at(off int64) *Value {
	p := e.value(OpAddPtr, TypePtr, 0, e.out, e.pos())
	if off != 0 {
		p = e.value(OpAddPtr, TypePtr, 0, p, e.iconst(TypeI64, off))
	}
	return p
}

func (e *encodeBuilder) store(p, v *Value) {
	e.vars[varMem] = e.value(OpStore, TypeMem, 0, p, v, e.mem())
}

// storeBE stores v big-endian.
func (e *encodeBuilder) storeBE(p, v *Value) {
	if v.Type.Size() > 1 {
		v = e.value(OpBswap, v.Type, 0, v)
	}
	e.store(p, v)
}

// checkCount fails with ErrInvalidValue when n does not fit an i32.
func (e *encodeBuilder) checkCount(n *Value) {
	e.guard(e.value(OpLtU, TypeBool, 0, e.iconst(TypeI64, math.MaxInt32), n),
		func() { e.fail(wire.ErrInvalidValue, "") })
}

func (e *encodeBuilder) list(list []*ir.Instr, base *Value) {
	for _, in := range list {
		if e.b == nil {
			return // the function ended (an unconditional failure)
		}
		e.instr(in, base)
	}
}

func (e *encodeBuilder) instr(in *ir.Instr, base *Value) {
	switch in.Op {
	case ir.OpWriteHeader:
		e.needConst(3)
		e.store(e.at(0), e.iconst(TypeI8, int64(in.Wire)))
		e.storeBE(e.at(1), e.iconst(TypeI16, int64(in.ID)))
		e.advance(3)
	case ir.OpWriteFixed:
		e.needConst(int64(in.Type.FixedSize))
		e.storeBE(e.at(0), e.fixedValue(in.Type, e.ptrAt(base, in.Off)))
		e.advance(int64(in.Type.FixedSize))
	case ir.OpWriteBytes:
		e.bytes(e.ptrAt(base, in.Off), true)
	case ir.OpWriteUnknown:
		e.bytes(e.ptrAt(base, in.Off), false)
	case ir.OpWriteListHeader:
		n := e.lenAt(e.ptrAt(base, in.Off))
		e.checkCount(n)
		e.needConst(5)
		e.store(e.at(0), e.iconst(TypeI8, int64(in.Wire)))
		e.storeBE(e.at(1), e.value(OpTrunc, TypeI32, 0, n))
		e.advance(5)
	case ir.OpWriteMapHeader:
		n := e.mapLen(e.ptrAt(base, in.Off))
		e.checkCount(n)
		e.needConst(6)
		e.store(e.at(0), e.iconst(TypeI8, int64(in.Type.Key.Wire)))
		e.store(e.at(1), e.iconst(TypeI8, int64(in.Type.Elem.Wire)))
		e.storeBE(e.at(2), e.value(OpTrunc, TypeI32, 0, n))
		e.advance(6)
	case ir.OpWriteStop:
		e.needConst(1)
		e.store(e.at(0), e.iconst(TypeI8, 0))
		e.advance(1)
	case ir.OpFailNil:
		e.fail(wire.ErrNilRequired, in.Field.Name)
	case ir.OpIfSet:
		e.ifElse(e.isSet(in.Field, e.ptrAt(base, in.Off)), func() { e.list(in.Body, base) }, nil)
	case ir.OpDeref:
		p := e.load(TypePtr, e.ptrAt(base, in.Off))
		e.ifElse(e.value(OpNe, TypeBool, 0, p, e.iconst(TypePtr, 0)),
			func() { e.inField(in.Field, func() { e.list(in.Body, p) }) },
			func() { e.list(in.Else, base) })
	case ir.OpEach:
		e.each(in, base, func(elem *Value) { e.list(in.Body, elem) })
	case ir.OpMapEach:
		e.mapEntries(in, e.ptrAt(base, in.Off))
	case ir.OpCall:
		next := e.exit(ExitCallEncode, in.Callee, TypeI64, e.ptrAt(base, in.Off), e.pos())
		e.guard(e.value(OpEq, TypeBool, 0, next, e.iconst(TypeI64, -1)), func() { e.returnValue(next) })
		e.vars[varPos] = next
	default:
		panic("ssa: " + in.Op.String() + " in an encode program")
	}
}

// fixedValue loads the fixed-size value of type t at p as the integer the
// wire holds (enums of any width become i32).
func (e *encodeBuilder) fixedValue(t *ir.Type, p *Value) *Value {
	if t.Kind != ir.Enum {
		return e.load(IntType(t.FixedSize), p)
	}
	v := e.load(IntType(int(t.Size)), p)
	switch {
	case t.Size > 4:
		return e.value(OpTrunc, TypeI32, 0, v)
	case t.Size < 4:
		return e.value(OpSignExt, TypeI32, 0, v)
	}
	return v
}

// bytes writes the string or byte slice at p, length-prefixed when prefix
// is set; large ones go to the NocopyWriter when there is one.
func (e *encodeBuilder) bytes(p *Value, prefix bool) {
	data, n := e.load(TypePtr, p), e.lenAt(p)
	copyIn := func() {
		e.need(n)
		e.vars[varMem] = e.value(OpMove, TypeMem, 0, e.at(0), data, n, e.mem())
		e.vars[varPos] = e.add(e.pos(), n)
	}
	if !prefix {
		copyIn()
		return
	}
	e.checkCount(n)
	e.needConst(4)
	e.storeBE(e.at(0), e.value(OpTrunc, TypeI32, 0, n))
	e.advance(4)
	// One unsigned compare decides: without a writer the bound exceeds any
	// length, so the copy is the only arm on the hot path.
	e.likelyIf(e.value(OpLtU, TypeBool, 0, n, e.nocopyMin), true, copyIn, func() {
		room := e.value(OpSub, TypeI64, 0, e.outLen, e.pos())
		r := e.exit(ExitNocopy, nil, TypeI64, data, n, room)
		e.guard(e.value(OpNe, TypeBool, 0, r, e.iconst(TypeI64, 0)), func() { e.returnValue(e.iconst(TypeI64, -1)) })
	})
}

// NocopyMin is the encode programs' argument for whether there is a
// NocopyWriter: the length from which a string or binary goes to it,
// wire.NocopyThreshold with a writer and, without one, a bound no length
// reaches.
func NocopyMin(hasWriter bool) uint64 {
	if hasWriter {
		return wire.NocopyThreshold
	}
	return math.MaxInt64
}

// mapEntries writes the entries of the map at slot, as many as the header
// before them counts: where they are fewer or more (the map changed since),
// the encoding fails.
func (e *encodeBuilder) mapEntries(in *ir.Instr, slot *Value) {
	entry := func(k, v *Value) { e.list(in.Key, k); e.list(in.Value, v) }
	counted := func(n *Value) {
		e.guard(e.value(OpNe, TypeBool, 0, n, e.mapLen(slot)), func() { e.failWith(wire.MapChanged(e.pathTo(""))) })
	}
	e.ifEntries(slot, func() {
		if !ir.DirectMap(in.Type) {
			e.eachEntry(in.Type, slot, entry, counted)
			return
		}
		e.directEntries(in.Type, slot, entry, counted, func() {
			next := e.exit(ExitMapEncode, in.Type, TypeI64, slot, e.pos())
			e.guard(e.value(OpEq, TypeBool, 0, next, e.iconst(TypeI64, -1)), func() { e.returnValue(next) })
			e.vars[varPos] = next
		})
	})
}
