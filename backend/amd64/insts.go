package amd64

// MovRR: dst = src (w bytes; 4 zero-extends to 64 bits).
func (a *Asm) MovRR(w int, dst, src Reg) {
	checkWidth(w)
	op := byte(0x89)
	if w == 1 {
		op = 0x88
	}
	a.opRR(w, []byte{op}, src, dst, src, dst)
}

// Load: dst = w bytes at m (4 zero-extends; 1 and 2 leave the upper bits:
// use MovZX to widen).
func (a *Asm) Load(w int, dst Reg, m Mem) {
	checkWidth(w)
	op := byte(0x8b)
	if w == 1 {
		op = 0x8a
	}
	a.opRM(w, []byte{op}, dst, m, dst)
}

// Store: w bytes at m = src.
func (a *Asm) Store(w int, m Mem, src Reg) {
	checkWidth(w)
	op := byte(0x89)
	if w == 1 {
		op = 0x88
	}
	a.opRM(w, []byte{op}, src, m, src)
}

// StoreImm: w bytes at m = imm (sign-extended from 32 bits when w is 8).
func (a *Asm) StoreImm(w int, m Mem, imm int32) {
	checkWidth(w)
	switch w {
	case 1:
		a.opRM(1, []byte{0xc6}, 0, m)
		a.byte1(byte(imm))
	case 2:
		a.opRM(2, []byte{0xc7}, 0, m)
		a.imm16(int16(imm))
	default:
		a.opRM(w, []byte{0xc7}, 0, m)
		a.imm32(imm)
	}
}

// MovImm: dst = imm, in the shortest form (32-bit moves zero-extend, C7
// sign-extends, B8 takes all 64 bits).
func (a *Asm) MovImm(dst Reg, imm int64) {
	switch {
	case imm >= 0 && imm <= 0xffffffff:
		a.prefix(4, RAX, RAX, dst)
		a.byte1(0xb8 + dst.low())
		a.imm32(int32(uint32(imm)))
	case imm >= -1<<31 && imm < 1<<31:
		a.prefix(8, RAX, RAX, dst)
		a.byte1(0xc7)
		a.modRMReg(0, dst)
		a.imm32(int32(imm))
	default:
		a.prefix(8, RAX, RAX, dst)
		a.byte1(0xb8 + dst.low())
		a.buf = append(a.buf, byte(imm), byte(imm>>8), byte(imm>>16), byte(imm>>24),
			byte(imm>>32), byte(imm>>40), byte(imm>>48), byte(imm>>56))
	}
}

// MovZX: dst (64 bits) = zero-extended w bytes (1 or 2) at m.
func (a *Asm) MovZX(w int, dst Reg, m Mem) {
	switch w {
	case 1:
		a.opRM(4, []byte{0x0f, 0xb6}, dst, m)
	case 2:
		a.opRM(4, []byte{0x0f, 0xb7}, dst, m)
	default:
		panic("amd64: MovZX widens 1 or 2 bytes")
	}
}

// MovSX: dst (64 bits) = sign-extended w bytes (1, 2 or 4) at m.
func (a *Asm) MovSX(w int, dst Reg, m Mem) {
	switch w {
	case 1:
		a.opRM(8, []byte{0x0f, 0xbe}, dst, m)
	case 2:
		a.opRM(8, []byte{0x0f, 0xbf}, dst, m)
	case 4:
		a.opRM(8, []byte{0x63}, dst, m)
	default:
		panic("amd64: MovSX widens 1, 2 or 4 bytes")
	}
}

// Lea: dst = the address of m.
func (a *Asm) Lea(dst Reg, m Mem) { a.opRM(8, []byte{0x8d}, dst, m) }

// AluRR: dst = dst op src (Cmp only sets flags).
func (a *Asm) AluRR(op Alu, w int, dst, src Reg) {
	checkWidth(w)
	code := byte(op)<<3 | 1
	if w == 1 {
		code--
	}
	a.opRR(w, []byte{code}, src, dst, src, dst)
}

// AluRI: dst = dst op imm (sign-extended; Cmp only sets flags).
func (a *Asm) AluRI(op Alu, w int, dst Reg, imm int32) {
	checkWidth(w)
	switch {
	case w == 1:
		a.opRR(1, []byte{0x80}, Reg(op), dst, dst)
		a.byte1(byte(imm))
	case imm >= -128 && imm <= 127:
		a.opRR(w, []byte{0x83}, Reg(op), dst)
		a.byte1(byte(int8(imm)))
	case w == 2:
		a.opRR(2, []byte{0x81}, Reg(op), dst)
		a.imm16(int16(imm))
	default:
		a.opRR(w, []byte{0x81}, Reg(op), dst)
		a.imm32(imm)
	}
}

// AluRM: dst = dst op (w bytes at m) (Cmp only sets flags).
func (a *Asm) AluRM(op Alu, w int, dst Reg, m Mem) {
	checkWidth(w)
	code := byte(op)<<3 | 3
	if w == 1 {
		code--
	}
	a.opRM(w, []byte{code}, dst, m, dst)
}

// ImulRRI: dst = src * imm (w is 2, 4 or 8).
func (a *Asm) ImulRRI(w int, dst, src Reg, imm int32) {
	if imm >= -128 && imm <= 127 {
		a.opRR(w, []byte{0x6b}, dst, src)
		a.byte1(byte(int8(imm)))
		return
	}
	a.opRR(w, []byte{0x69}, dst, src)
	if w == 2 {
		a.imm16(int16(imm))
	} else {
		a.imm32(imm)
	}
}

// ImulRR: dst = dst * src (w is 2, 4 or 8).
func (a *Asm) ImulRR(w int, dst, src Reg) { a.opRR(w, []byte{0x0f, 0xaf}, dst, src) }

// ShlRI: dst <<= n. ShrRI: dst >>= n, unsigned. SarRI: signed.
func (a *Asm) ShlRI(w int, dst Reg, n uint8) { a.shift(4, w, dst, n) }

// ShrRI: dst >>= n, unsigned.
func (a *Asm) ShrRI(w int, dst Reg, n uint8) { a.shift(5, w, dst, n) }

// SarRI: dst >>= n, signed.
func (a *Asm) SarRI(w int, dst Reg, n uint8) { a.shift(7, w, dst, n) }

func (a *Asm) shift(digit byte, w int, dst Reg, n uint8) {
	checkWidth(w)
	op := byte(0xc1)
	if w == 1 {
		op = 0xc0
	}
	a.opRR(w, []byte{op}, Reg(digit), dst, dst)
	a.byte1(n)
}

// Bswap reverses the bytes of the low w bytes of r (2, 4 or 8); for 2 it
// is a rotation by 8.
func (a *Asm) Bswap(w int, r Reg) {
	switch w {
	case 2:
		a.opRR(2, []byte{0xc1}, 0, r) // rol r16, 8
		a.byte1(8)
	case 4, 8:
		a.prefix(w, RAX, RAX, r)
		a.byte1(0x0f, 0xc8+r.low())
	default:
		panic("amd64: Bswap swaps 2, 4 or 8 bytes")
	}
}

// MovbeStore: w bytes at m = src, big-endian (w is 2, 4 or 8; needs MOVBE).
func (a *Asm) MovbeStore(w int, m Mem, src Reg) { a.opRM(w, []byte{0x0f, 0x38, 0xf1}, src, m) }

// MovbeLoad: dst = big-endian w bytes at m (w is 2, 4 or 8; needs MOVBE).
func (a *Asm) MovbeLoad(w int, dst Reg, m Mem) { a.opRM(w, []byte{0x0f, 0x38, 0xf0}, dst, m) }

// TestRR sets flags for a & b.
func (a *Asm) TestRR(w int, x, y Reg) {
	checkWidth(w)
	op := byte(0x85)
	if w == 1 {
		op = 0x84
	}
	a.opRR(w, []byte{op}, y, x, x, y)
}

// Setcc: the low byte of dst = 1 if cond holds, else 0.
func (a *Asm) Setcc(c Cond, dst Reg) { a.opRR(1, []byte{0x0f, 0x90 | byte(c)}, 0, dst, dst) }

// Jcc jumps to rel32 bytes after the instruction's end when c holds, and
// returns the offset of the rel32 field for patching.
func (a *Asm) Jcc(c Cond, rel int32) int {
	a.byte1(0x0f, 0x80|byte(c))
	at := len(a.buf)
	a.imm32(rel)
	return at
}

// Jmp jumps rel32 bytes after the instruction's end and returns the offset
// of the rel32 field for patching.
func (a *Asm) Jmp(rel int32) int {
	a.byte1(0xe9)
	at := len(a.buf)
	a.imm32(rel)
	return at
}

// Patch32 sets the rel32 field at offset at so that the jump lands at
// target (an offset in the same code).
func (a *Asm) Patch32(at, target int) {
	rel := int32(target - (at + 4))
	a.buf[at], a.buf[at+1], a.buf[at+2], a.buf[at+3] = byte(rel), byte(rel>>8), byte(rel>>16), byte(rel>>24)
}

// Ret returns.
func (a *Asm) Ret() { a.byte1(0xc3) }
