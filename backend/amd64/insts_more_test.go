package amd64

import (
	"fmt"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

func TestExtendRegForms(t *testing.T) {
	var a Asm
	for _, d := range allRegs {
		for _, s := range allRegs {
			for _, w := range []int{1, 2} {
				a.Reset()
				a.MovZXRR(w, d, s)
				decodes(t, fmt.Sprintf("movzx %v, %v/%d", d, s, w), a.Bytes(), x86asm.MOVZX, xreg(d, 4), xreg(s, w))
			}
			for _, c := range []struct {
				w  int
				op x86asm.Op
			}{{1, x86asm.MOVSX}, {2, x86asm.MOVSX}, {4, x86asm.MOVSXD}} {
				a.Reset()
				a.MovSXRR(c.w, d, s)
				decodes(t, fmt.Sprintf("movsx %v, %v/%d", d, s, c.w), a.Bytes(), c.op, xreg(d, 8), xreg(s, c.w))
			}
		}
	}
}

func TestControlForms(t *testing.T) {
	var a Asm
	a.RepMovsb()
	inst, err := x86asm.Decode(a.Bytes(), 64)
	if err != nil || inst.Op != x86asm.MOVSB || inst.Len != 2 || inst.Prefix[0]&0xff != x86asm.PrefixREP {
		t.Fatalf("rep movsb: % x decodes to %v (%v)", a.Bytes(), inst, err)
	}
	for _, d := range allRegs {
		a.Reset()
		at := a.LeaRIP(d)
		a.Patch32(at, 100)
		decodes(t, "lea rip", a.Bytes(), x86asm.LEA, xreg(d, 8), x86asm.Mem{Base: x86asm.RIP, Disp: int64(100 - a.Len())})
	}
	for _, m := range mems() {
		a.Reset()
		a.JmpMem(m)
		decodes(t, fmt.Sprintf("jmp [%+v]", m), a.Bytes(), x86asm.JMP, xmem(m))
	}
	for _, r := range allRegs {
		a.Reset()
		a.CallR(r)
		decodes(t, fmt.Sprintf("call %v", r), a.Bytes(), x86asm.CALL, xreg(r, 8))
		a.Reset()
		a.Push(r)
		decodes(t, fmt.Sprintf("push %v", r), a.Bytes(), x86asm.PUSH, xreg(r, 8))
		a.Reset()
		a.Pop(r)
		decodes(t, fmt.Sprintf("pop %v", r), a.Bytes(), x86asm.POP, xreg(r, 8))
	}
}

func TestSSEForms(t *testing.T) {
	var a Asm
	for _, r := range allRegs {
		a.Reset()
		a.MovqXR(1, r)
		decodes(t, "movq", a.Bytes(), x86asm.MOVQ, x86asm.X1, xreg(r, 8))
	}
	a.Reset()
	a.Ucomisd(0, 1)
	decodes(t, "ucomisd", a.Bytes(), x86asm.UCOMISD, x86asm.X0, x86asm.X1)
}

func TestMovupsForms(t *testing.T) {
	var a Asm
	for _, m := range mems() {
		a.Reset()
		a.MovupsLoad(1, m)
		decodes(t, "movups load", a.Bytes(), x86asm.MOVUPS, x86asm.X1, xmem(m))
		a.Reset()
		a.MovupsStore(m, 0)
		decodes(t, "movups store", a.Bytes(), x86asm.MOVUPS, xmem(m), x86asm.X0)
	}
}

// The 32-byte moves of copies, in the forms copyBytes emits (base RSI or
// RDI, no index or RCX or R14 as the index). x86asm names ymm registers as
// xmm ones, so the 256-bit length is checked in the VEX prefix's L bit.
func TestAVXForms(t *testing.T) {
	var a Asm
	for _, base := range []Reg{RSI, RDI} {
		for _, m := range []Mem{
			At(base, 0), At(base, 32), At(base, -64),
			{Base: base, Index: RCX, Scale: 1, Disp: 32},
			{Base: base, Index: R14, Scale: 1},
			{Base: base, Index: R14, Scale: 1, Disp: 32},
		} {
			for y := range 2 {
				a.Reset()
				a.VmovdquLoad(y, m)
				decodes(t, "vmovdqu load", a.Bytes(), x86asm.VMOVDQU, x86asm.X0+x86asm.Reg(y), xmem(m))
				vex256(t, a.Bytes())
				a.Reset()
				a.VmovdquStore(m, y)
				decodes(t, "vmovdqu store", a.Bytes(), x86asm.VMOVDQU, xmem(m), x86asm.X0+x86asm.Reg(y))
				vex256(t, a.Bytes())
			}
		}
	}
	a.Reset()
	a.Vzeroupper()
	decodes(t, "vzeroupper", a.Bytes(), x86asm.VZEROUPPER)
}

// vex256 checks that code starts with a three-byte VEX prefix for a
// 256-bit operation with no second source.
func vex256(t *testing.T, code []byte) {
	t.Helper()
	if code[0] != 0xc4 || code[2]&0x04 == 0 || code[2]&0x78 != 0x78 {
		t.Fatalf("% x: not a 256-bit VEX instruction without vvvv", code)
	}
}
