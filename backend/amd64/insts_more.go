package amd64

// MovZXRR: dst (64 bits) = zero-extended low w bytes (1 or 2) of src.
func (a *Asm) MovZXRR(w int, dst, src Reg) {
	switch w {
	case 1:
		a.opRRByteSrc(4, []byte{0x0f, 0xb6}, dst, src)
	case 2:
		a.opRR(4, []byte{0x0f, 0xb7}, dst, src)
	default:
		panic("amd64: MovZXRR widens 1 or 2 bytes")
	}
}

// MovSXRR: dst (64 bits) = sign-extended low w bytes (1, 2 or 4) of src.
func (a *Asm) MovSXRR(w int, dst, src Reg) {
	switch w {
	case 1:
		a.opRRByteSrc(8, []byte{0x0f, 0xbe}, dst, src)
	case 2:
		a.opRR(8, []byte{0x0f, 0xbf}, dst, src)
	case 4:
		a.opRR(8, []byte{0x63}, dst, src)
	default:
		panic("amd64: MovSXRR widens 1, 2 or 4 bytes")
	}
}

// opRRByteSrc is opRR for an instruction of width w whose r/m operand is
// a byte register: SPL, BPL, SIL and DIL need a REX even when nothing
// else asks for one.
func (a *Asm) opRRByteSrc(w int, op []byte, reg, rm Reg) {
	rex := byte(0)
	if w == 8 {
		rex |= 0x08
	}
	if reg.ext() {
		rex |= 0x04
	}
	if rm.ext() {
		rex |= 0x01
	}
	if rex != 0 || (rm >= RSP && rm <= RDI) {
		a.byte1(0x40 | rex)
	}
	a.byte1(op...)
	a.modRMReg(reg.low(), rm)
}

// RepMovsb copies RCX bytes from [RSI] to [RDI], forwards.
func (a *Asm) RepMovsb() { a.byte1(0xf3, 0xa4) }

// LeaRIP sets dst to an address relative to the next instruction and
// returns the offset of its rel32 field, for Patch32.
func (a *Asm) LeaRIP(dst Reg) int {
	a.prefix(8, dst, RAX, RAX)
	a.byte1(0x8d, 0x05|dst.low()<<3)
	at := len(a.buf)
	a.imm32(0)
	return at
}

// JmpMem jumps to the address stored at m.
func (a *Asm) JmpMem(m Mem) { a.opRM(4, []byte{0xff}, 4, m) }

// MovqXR: xmm register x (0-7) = the 64 bits of r.
func (a *Asm) MovqXR(x int, r Reg) {
	a.byte1(0x66)
	rex := byte(0x48)
	if r.ext() {
		rex |= 0x01
	}
	a.byte1(rex, 0x0f, 0x6e)
	a.modRMReg(byte(x&7), r)
}

// Ucomisd compares the doubles in xmm registers x and y (0-7): ZF=1 when
// equal or unordered, PF=1 when unordered (a NaN).
func (a *Asm) Ucomisd(x, y int) {
	a.byte1(0x66, 0x0f, 0x2e, 0xc0|byte(x&7)<<3|byte(y&7))
}

// MovupsLoad: xmm register x (0-7) = the 16 bytes at m.
func (a *Asm) MovupsLoad(x int, m Mem) { a.opRM(4, []byte{0x0f, 0x10}, Reg(x&7), m) }

// MovupsStore: the 16 bytes at m = xmm register x (0-7).
func (a *Asm) MovupsStore(m Mem, x int) { a.opRM(4, []byte{0x0f, 0x11}, Reg(x&7), m) }

// CallR calls the address in r, pushing the return address.
func (a *Asm) CallR(r Reg) { a.opRR(4, []byte{0xff}, 2, r) }

// Push pushes the 64 bits of r.
func (a *Asm) Push(r Reg) { a.pushPop(0x50, r) }

// Pop pops 64 bits into r.
func (a *Asm) Pop(r Reg) { a.pushPop(0x58, r) }

func (a *Asm) pushPop(op byte, r Reg) {
	if r >= R8 {
		a.byte1(0x41) // REX.B
	}
	a.byte1(op + byte(r&7))
}
