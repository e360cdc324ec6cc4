package amd64

// vex3 writes the three-byte VEX prefix of a 256-bit instruction in the
// 0F opcode map with the F3 implied prefix and no second source (vvvv
// unused), for a ymm register 0-7 and memory operand m.
func (a *Asm) vex3(m Mem) {
	b1 := byte(0xe1) // R̄ X̄ B̄ set (not extended), map 0F
	if memIndex(m).ext() {
		b1 &^= 0x40
	}
	if m.Base.ext() {
		b1 &^= 0x20
	}
	a.byte1(0xc4, b1, 0x7e) // W0, vvvv 1111, L1 (256 bits), pp F3
}

// VmovdquLoad: ymm register y (0-7) = the 32 bytes at m.
func (a *Asm) VmovdquLoad(y int, m Mem) {
	a.vex3(m)
	a.byte1(0x6f)
	a.modRMMem(byte(y&7), m)
}

// VmovdquStore: the 32 bytes at m = ymm register y (0-7).
func (a *Asm) VmovdquStore(m Mem, y int) {
	a.vex3(m)
	a.byte1(0x7f)
	a.modRMMem(byte(y&7), m)
}

// Vzeroupper clears the upper halves of the ymm registers: code that used
// them runs it before Go's SSE code runs again, which on some processors
// would otherwise pay for the dirty upper state on every SSE instruction.
func (a *Asm) Vzeroupper() { a.byte1(0xc5, 0xf8, 0x77) }
