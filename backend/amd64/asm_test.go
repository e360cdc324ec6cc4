package amd64

import (
	"fmt"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

var allRegs = []Reg{RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15}

// xreg returns x86asm's name of register r used with width w.
func xreg(r Reg, w int) x86asm.Reg {
	switch w {
	case 1:
		switch {
		case r < RSP:
			return x86asm.AL + x86asm.Reg(r)
		case r <= RDI:
			return x86asm.SPB + x86asm.Reg(r-RSP)
		}
		return x86asm.R8B + x86asm.Reg(r-R8)
	case 2:
		return x86asm.AX + x86asm.Reg(r)
	case 4:
		return x86asm.EAX + x86asm.Reg(r)
	}
	return x86asm.RAX + x86asm.Reg(r)
}

func xmem(m Mem) x86asm.Mem {
	x := x86asm.Mem{Base: xreg(m.Base, 8), Disp: int64(m.Disp)}
	if m.Scale != 0 {
		x.Scale, x.Index = m.Scale, xreg(m.Index, 8)
	}
	return x
}

// decodes checks that code is exactly one instruction with the given op,
// operand size and arguments.
func decodes(t *testing.T, what string, code []byte, op x86asm.Op, args ...x86asm.Arg) {
	t.Helper()
	inst, err := x86asm.Decode(code, 64)
	if err != nil || inst.Len != len(code) {
		t.Fatalf("%s: % x decodes to %v (%d of %d bytes): %v", what, code, inst, inst.Len, len(code), err)
	}
	if inst.Op != op {
		t.Fatalf("%s: % x is %v, want %v", what, code, inst, op)
	}
	for i, want := range args {
		got := inst.Args[i]
		if gm, ok := got.(x86asm.Mem); ok { // the decoder shows a disp32 zero-extended
			gm.Segment, gm.Disp = 0, int64(int32(gm.Disp))
			if gm.Index == 0 { // a SIB byte without an index decodes with a scale
				gm.Scale = 0
			}
			got = gm
		}
		if gi, ok := got.(x86asm.Imm); ok { // and immediates in the operand's width, either sign
			mask := widthMask(inst)
			if wi, ok := want.(x86asm.Imm); ok && uint64(gi)&mask == uint64(wi)&mask {
				continue
			}
		}
		if got != want {
			t.Fatalf("%s: % x is %v: argument %d is %v, want %v", what, code, x86asm.IntelSyntax(inst, 0, nil), i, got, want)
		}
	}
}

// widthMask masks an instruction's operand width: the first argument's
// register size, or its memory operand's.
func widthMask(inst x86asm.Inst) uint64 {
	bytes := inst.MemBytes
	if r, ok := inst.Args[0].(x86asm.Reg); ok {
		switch {
		case r >= x86asm.AL && r <= x86asm.R15B:
			bytes = 1
		case r >= x86asm.AX && r <= x86asm.R15W:
			bytes = 2
		case r >= x86asm.EAX && r <= x86asm.R15L:
			bytes = 4
		default:
			bytes = 8
		}
	}
	if bytes >= 8 || bytes == 0 {
		return ^uint64(0)
	}
	return 1<<(8*bytes) - 1
}

// mems are addressing forms that exercise every ModRM/SIB special case:
// rsp and r12 bases (SIB), rbp and r13 (no disp-less form), disp8 and
// disp32 boundaries, and scaled indexes.
func mems() []Mem {
	var ms []Mem
	for _, b := range allRegs {
		for _, d := range []int32{0, 1, -128, 127, 128, -129, 1 << 20, -1 << 31} {
			ms = append(ms, Mem{Base: b, Disp: d})
		}
		for _, idx := range []Reg{RAX, RBP, R12, R13, R15} {
			for _, s := range []uint8{1, 2, 4, 8} {
				ms = append(ms, Mem{Base: b, Index: idx, Scale: s, Disp: 8})
			}
		}
	}
	return ms
}

func TestMovForms(t *testing.T) {
	var a Asm
	for _, w := range []int{1, 2, 4, 8} {
		for _, d := range allRegs {
			for _, s := range allRegs {
				a.Reset()
				a.MovRR(w, d, s)
				decodes(t, fmt.Sprintf("mov%d %v, %v", w, d, s), a.Bytes(), x86asm.MOV, xreg(d, w), xreg(s, w))
			}
			for _, m := range mems() {
				a.Reset()
				a.Load(w, d, m)
				decodes(t, fmt.Sprintf("load%d %v, %+v", w, d, m), a.Bytes(), x86asm.MOV, xreg(d, w), xmem(m))
				a.Reset()
				a.Store(w, m, d)
				decodes(t, fmt.Sprintf("store%d %+v, %v", w, m, d), a.Bytes(), x86asm.MOV, xmem(m), xreg(d, w))
			}
		}
		for _, m := range mems() {
			a.Reset()
			a.StoreImm(w, m, -5)
			decodes(t, fmt.Sprintf("store%d imm", w), a.Bytes(), x86asm.MOV, xmem(m), x86asm.Imm(-5))
		}
	}
}

func TestMovImm(t *testing.T) {
	var a Asm
	for _, r := range allRegs {
		for _, c := range []struct {
			imm  int64
			w    int
			show x86asm.Imm
		}{{0, 4, 0}, {1, 4, 1}, {0xffffffff, 4, 0xffffffff}, {-1, 8, -1}, {-1 << 31, 8, -1 << 31}, {1 << 40, 8, 1 << 40}, {-1 << 40, 8, -1 << 40}} {
			a.Reset()
			a.MovImm(r, c.imm)
			decodes(t, fmt.Sprintf("mov %v, %d", r, c.imm), a.Bytes(), x86asm.MOV, xreg(r, c.w), c.show)
		}
	}
}

func TestWideningAndLea(t *testing.T) {
	var a Asm
	for _, d := range allRegs {
		for _, m := range mems() {
			for _, c := range []struct {
				emit func()
				op   x86asm.Op
				w    int
				src  int
			}{
				{func() { a.MovZX(1, d, m) }, x86asm.MOVZX, 4, 1},
				{func() { a.MovZX(2, d, m) }, x86asm.MOVZX, 4, 2},
				{func() { a.MovSX(1, d, m) }, x86asm.MOVSX, 8, 1},
				{func() { a.MovSX(2, d, m) }, x86asm.MOVSX, 8, 2},
				{func() { a.MovSX(4, d, m) }, x86asm.MOVSXD, 8, 4},
				{func() { a.Lea(d, m) }, x86asm.LEA, 8, 8},
				{func() { a.MovbeLoad(8, d, m) }, x86asm.MOVBE, 8, 8},
			} {
				a.Reset()
				c.emit()
				decodes(t, fmt.Sprintf("%v %v, %+v", c.op, d, m), a.Bytes(), c.op, xreg(d, c.w), xmem(m))
			}
			a.Reset()
			a.MovbeStore(4, m, d)
			decodes(t, "movbe store", a.Bytes(), x86asm.MOVBE, xmem(m), xreg(d, 4))
		}
	}
}

func TestAluForms(t *testing.T) {
	var a Asm
	ops := map[Alu]x86asm.Op{Add: x86asm.ADD, Or: x86asm.OR, And: x86asm.AND, Sub: x86asm.SUB, Xor: x86asm.XOR, Cmp: x86asm.CMP}
	for op, xop := range ops {
		for _, w := range []int{1, 2, 4, 8} {
			for _, d := range allRegs {
				for _, s := range allRegs {
					a.Reset()
					a.AluRR(op, w, d, s)
					decodes(t, fmt.Sprintf("%v%d", xop, w), a.Bytes(), xop, xreg(d, w), xreg(s, w))
				}
				for _, imm := range []int32{1, -1, 127, -128, 300, -30000} {
					if w == 1 && (imm > 127 || imm < -128) {
						continue
					}
					if w == 2 && (imm > 32767 || imm < -32768) {
						continue
					}
					a.Reset()
					a.AluRI(op, w, d, imm)
					decodes(t, fmt.Sprintf("%v%d imm", xop, w), a.Bytes(), xop, xreg(d, w), x86asm.Imm(imm))
				}
				m := Mem{Base: R13, Index: RCX, Scale: 4, Disp: -8}
				a.Reset()
				a.AluRM(op, w, d, m)
				decodes(t, fmt.Sprintf("%v%d mem", xop, w), a.Bytes(), xop, xreg(d, w), xmem(m))
			}
		}
	}
}

func TestOtherForms(t *testing.T) {
	var a Asm
	for _, d := range allRegs {
		for _, w := range []int{4, 8} {
			a.Reset()
			a.Bswap(w, d)
			decodes(t, "bswap", a.Bytes(), x86asm.BSWAP, xreg(d, w))
			a.Reset()
			a.ImulRRI(w, d, R9, 1000)
			decodes(t, "imul", a.Bytes(), x86asm.IMUL, xreg(d, w), xreg(R9, w), x86asm.Imm(1000))
			a.Reset()
			a.ImulRR(w, d, RSI)
			decodes(t, "imul rr", a.Bytes(), x86asm.IMUL, xreg(d, w), xreg(RSI, w))
			a.Reset()
			a.ShlRI(w, d, 3)
			decodes(t, "shl", a.Bytes(), x86asm.SHL, xreg(d, w), x86asm.Imm(3))
			a.Reset()
			a.ShrRI(w, d, 7)
			decodes(t, "shr", a.Bytes(), x86asm.SHR, xreg(d, w), x86asm.Imm(7))
			a.Reset()
			a.SarRI(w, d, 1)
			decodes(t, "sar", a.Bytes(), x86asm.SAR, xreg(d, w), x86asm.Imm(1))
			a.Reset()
			a.TestRR(w, d, R14)
			decodes(t, "test", a.Bytes(), x86asm.TEST, xreg(d, w), xreg(R14, w))
		}
		a.Reset()
		a.Bswap(2, d)
		decodes(t, "bswap16", a.Bytes(), x86asm.ROL, xreg(d, 2), x86asm.Imm(8))
		a.Reset()
		a.Setcc(CondB, d)
		decodes(t, "setb", a.Bytes(), x86asm.SETB, xreg(d, 1))
	}
	conds := map[Cond]x86asm.Op{CondE: x86asm.JE, CondNE: x86asm.JNE, CondB: x86asm.JB, CondAE: x86asm.JAE,
		CondBE: x86asm.JBE, CondA: x86asm.JA, CondL: x86asm.JL, CondGE: x86asm.JGE, CondLE: x86asm.JLE, CondG: x86asm.JG}
	for c, op := range conds {
		a.Reset()
		a.Jcc(c, -100)
		decodes(t, "jcc", a.Bytes(), op, x86asm.Rel(-100))
	}
	a.Reset()
	a.Jmp(1 << 20)
	decodes(t, "jmp", a.Bytes(), x86asm.JMP, x86asm.Rel(1<<20))
	a.Reset()
	a.Ret()
	decodes(t, "ret", a.Bytes(), x86asm.RET)
}

// A jump patched to a target lands there.
func TestPatch(t *testing.T) {
	var a Asm
	at := a.Jcc(CondNE, 0)
	a.Ret()
	a.Ret()
	target := a.Len()
	a.Ret()
	a.Patch32(at, target)
	inst, err := x86asm.Decode(a.Bytes(), 64)
	if err != nil || int(inst.Args[0].(x86asm.Rel))+inst.Len != target {
		t.Fatalf("patched jump goes to %v, want %d", inst.Args[0], target)
	}
}
