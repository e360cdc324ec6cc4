package ssa

import "math/bits"

// constFold evaluates values whose arguments are constants, simplifies
// arithmetic with identities (x+0, x*1, x*0), merges chains of constant
// pointer offsets and of constant additions, and turns branches on
// constants into jumps.
func constFold(f *Func) {
	for _, b := range f.Blocks {
		for _, v := range append([]*Value(nil), b.Values...) { // folding may insert constants
			foldValue(v)
		}
	}
	folded := false
	for _, b := range f.Blocks {
		if b.Kind == BlockIf && b.Control.Op == OpConst {
			taken := 0
			if b.Control.AuxInt == 0 {
				taken = 1
			}
			b.removeSucc(1 - taken)
			b.Kind, b.Control, b.Likely = BlockPlain, nil, -1
			folded = true
		}
	}
	if folded {
		// The arm not taken may be reachable no more; its edges would
		// leave phis with arguments from a block nothing dominates.
		removeUnreachable(f)
	}
}

func isConst(v *Value) bool { return v.Op == OpConst }

// canonical returns c as the type t holds it: integers zero-extended from
// their width, as package interp and the backends see them.
func canonical(t Type, c int64) int64 {
	switch t.Size() {
	case 1:
		return int64(uint8(c))
	case 2:
		return int64(uint16(c))
	case 4:
		return int64(uint32(c))
	}
	return c
}

func signedAt(t Type, c int64) int64 {
	switch t.Size() {
	case 1:
		return int64(int8(c))
	case 2:
		return int64(int16(c))
	case 4:
		return int64(int32(c))
	}
	return c
}

func setConst(v *Value, c int64) {
	v.Op, v.Args, v.AuxInt, v.Aux = OpConst, nil, canonical(v.Type, c), nil
}

func boolConst(v *Value, b bool) {
	c := int64(0)
	if b {
		c = 1
	}
	setConst(v, c)
}

func foldValue(v *Value) {
	switch v.Op {
	case OpAdd, OpSub, OpMul, OpAnd, OpOr, OpShr, OpEq, OpNe, OpLtU, OpLt:
		x, y := v.Args[0], v.Args[1]
		if isConst(x) && isConst(y) {
			foldBinary(v, x, y)
			return
		}
		if v.Op == OpAdd && v.Type == TypeI64 && isConst(y) && x.Op == OpAdd && isConst(x.Args[1]) {
			// (q + a) + b == q + (a+b): a run of position advances becomes
			// offsets from one position, and the steps between die.
			c := v.Block.NewValue(OpConst, TypeI64, x.Args[1].AuxInt+y.AuxInt)
			moveBefore(c, v)
			v.Args = []*Value{x.Args[0], c}
			y = c
			x = v.Args[0]
		}
		foldIdentity(v, x, y)
	case OpAddPtr:
		p, off := v.Args[0], v.Args[1]
		switch {
		case isConst(off) && off.AuxInt == 0:
			v.copyOf(p)
		case isConst(off) && p.Op == OpAddPtr && isConst(p.Args[1]):
			// (q + a) + b == q + (a+b): reuse the inner constant's block-free form.
			c := v.Block.NewValue(OpConst, TypeI64, off.AuxInt+p.Args[1].AuxInt)
			moveBefore(c, v)
			v.Args = []*Value{p.Args[0], c}
		}
	case OpSignExt, OpZeroExt, OpTrunc, OpBswap:
		x := v.Args[0]
		if !isConst(x) {
			return
		}
		c := x.AuxInt
		switch v.Op {
		case OpSignExt:
			c = signedAt(x.Type, c)
		case OpBswap:
			switch v.Type.Size() {
			case 2:
				c = int64(bits.ReverseBytes16(uint16(c)))
			case 4:
				c = int64(bits.ReverseBytes32(uint32(c)))
			default:
				c = int64(bits.ReverseBytes64(uint64(c)))
			}
		}
		setConst(v, c)
	}
}

func foldBinary(v, x, y *Value) {
	a, b := x.AuxInt, y.AuxInt
	switch v.Op {
	case OpAdd:
		setConst(v, a+b)
	case OpSub:
		setConst(v, a-b)
	case OpMul:
		setConst(v, a*b)
	case OpAnd:
		setConst(v, a&b)
	case OpOr:
		setConst(v, a|b)
	case OpShr:
		u := uint64(a)
		if n := x.Type.Size(); n < 8 {
			u &= 1<<(8*n) - 1
		}
		setConst(v, int64(u>>uint64(b)))
	case OpEq:
		boolConst(v, a == b)
	case OpNe:
		boolConst(v, a != b)
	case OpLtU:
		boolConst(v, uint64(a) < uint64(b))
	case OpLt:
		boolConst(v, signedAt(x.Type, a) < signedAt(x.Type, b))
	}
}

func foldIdentity(v, x, y *Value) {
	if isConst(x) && (v.Op == OpAdd || v.Op == OpMul || v.Op == OpAnd || v.Op == OpOr) {
		x, y = y, x // constants second
	}
	if !isConst(y) {
		return
	}
	switch c := y.AuxInt; {
	case (v.Op == OpAdd || v.Op == OpSub || v.Op == OpOr || v.Op == OpShr) && c == 0:
		v.copyOf(x)
	case v.Op == OpMul && c == 1:
		v.copyOf(x)
	case v.Op == OpMul && c == 0:
		setConst(v, 0)
	}
}

// moveBefore moves c, the last value of its block, to just before v.
func moveBefore(c, v *Value) {
	b := v.Block
	vals := b.Values[:len(b.Values)-1]
	for i, w := range vals {
		if w == v {
			b.Values = append(vals[:i], append([]*Value{c}, vals[i:]...)...)
			return
		}
	}
}
