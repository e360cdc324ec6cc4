package amd64

import "encoding/binary"

// Asm appends encoded instructions to a byte slice. Widths are in bytes:
// 1, 2, 4 or 8. Methods panic on operands no instruction can take (a
// selector bug, not an input condition).
type Asm struct {
	buf []byte
}

// Bytes returns the code so far.
func (a *Asm) Bytes() []byte { return a.buf }

// Len returns the number of bytes so far.
func (a *Asm) Len() int { return len(a.buf) }

// Reset empties the buffer, keeping its storage.
func (a *Asm) Reset() { a.buf = a.buf[:0] }

func (a *Asm) byte1(b ...byte) { a.buf = append(a.buf, b...) }

func (a *Asm) imm32(v int32) { a.buf = binary.LittleEndian.AppendUint32(a.buf, uint32(v)) }

func (a *Asm) imm16(v int16) { a.buf = binary.LittleEndian.AppendUint16(a.buf, uint16(v)) }

func checkWidth(w int) {
	if w != 1 && w != 2 && w != 4 && w != 8 {
		panic("amd64: width must be 1, 2, 4 or 8")
	}
}

// prefix writes the operand-size prefix and the REX prefix an instruction
// of width w with these register fields needs. byteRegs lists registers
// used as 8-bit operands: SPL, BPL, SIL and DIL exist only with a REX.
func (a *Asm) prefix(w int, reg, index, base Reg, byteRegs ...Reg) {
	if w == 2 {
		a.byte1(0x66)
	}
	rex := byte(0)
	if w == 8 {
		rex |= 0x08
	}
	if reg.ext() {
		rex |= 0x04
	}
	if index.ext() {
		rex |= 0x02
	}
	if base.ext() {
		rex |= 0x01
	}
	if w == 1 {
		for _, r := range byteRegs {
			if r >= RSP && r <= RDI {
				rex |= 0x40
			}
		}
	}
	if rex != 0 {
		a.byte1(0x40 | rex)
	}
}

// modRMReg writes a register-direct ModRM byte.
func (a *Asm) modRMReg(reg byte, rm Reg) { a.byte1(0xc0 | reg<<3 | rm.low()) }

// modRMMem writes the ModRM byte, SIB and displacement of a memory operand.
func (a *Asm) modRMMem(reg byte, m Mem) {
	mod := byte(0x80) // disp32
	switch {
	case m.Disp == 0 && m.Base.low() != 5: // [rbp] and [r13] have no mod-00 form
		mod = 0x00
	case m.Disp >= -128 && m.Disp <= 127:
		mod = 0x40
	}
	switch {
	case m.Scale != 0:
		if m.Index == RSP {
			panic("amd64: rsp cannot be an index")
		}
		a.byte1(mod|reg<<3|4, scaleBits(m.Scale)<<6|m.Index.low()<<3|m.Base.low())
	case m.Base.low() == 4: // rsp and r12 need a SIB with no index
		a.byte1(mod|reg<<3|4, 0x24)
	default:
		a.byte1(mod | reg<<3 | m.Base.low())
	}
	switch mod {
	case 0x40:
		a.byte1(byte(int8(m.Disp)))
	case 0x80:
		a.imm32(m.Disp)
	}
}

func scaleBits(s uint8) byte {
	switch s {
	case 1:
		return 0
	case 2:
		return 1
	case 4:
		return 2
	case 8:
		return 3
	}
	panic("amd64: scale must be 1, 2, 4 or 8")
}

// memIndex returns the index register that goes into REX.X.
func memIndex(m Mem) Reg {
	if m.Scale == 0 {
		return RAX
	}
	return m.Index
}

// opRM writes "op reg, r/m" with a memory r/m: prefixes, opcode bytes,
// ModRM and the rest.
func (a *Asm) opRM(w int, op []byte, reg Reg, m Mem, byteRegs ...Reg) {
	a.prefix(w, reg, memIndex(m), m.Base, byteRegs...)
	a.byte1(op...)
	a.modRMMem(reg.low(), m)
}

// opRR writes "op reg, r/m" with a register r/m.
func (a *Asm) opRR(w int, op []byte, reg, rm Reg, byteRegs ...Reg) {
	a.prefix(w, reg, RAX, rm, byteRegs...)
	a.byte1(op...)
	a.modRMReg(reg.low(), rm)
}
