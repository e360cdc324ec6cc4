package amd64

// copyBytes copies RCX bytes from [RSI] to [RDI] (the ranges do not
// overlap). REP MOVSB takes tens of cycles to start, longer than most
// strings take to copy, so short copies move two overlapping chunks of the
// largest width that fits, head and tail: 1, 2+2, 4+4, 8+8 or 16+16 bytes;
// up to 4 KiB, a loop of 32-byte moves and an overlapping last 32 (of
// 64-byte moves in ymm registers with AVX2, twice as fast where stores of
// 32 bytes are as cheap as stores of 16).
func (g *gen) copyBytes() {
	a := &g.a
	var done []int
	tail := func(w int32) Mem { return Mem{Base: RSI, Index: RCX, Scale: 1, Disp: -w} }
	dtail := func(w int32) Mem { return Mem{Base: RDI, Index: RCX, Scale: 1, Disp: -w} }

	a.AluRI(Cmp, 8, RCX, 16)
	toBig := a.Jcc(CondAE, 0)
	a.AluRI(Cmp, 8, RCX, 8)
	to8 := a.Jcc(CondAE, 0)
	a.AluRI(Cmp, 8, RCX, 4)
	to4 := a.Jcc(CondAE, 0)
	a.AluRI(Cmp, 8, RCX, 2)
	to2 := a.Jcc(CondAE, 0)
	a.TestRR(8, RCX, RCX)
	done = append(done, a.Jcc(CondE, 0))
	a.MovZX(1, tmp3, At(RSI, 0))
	a.Store(1, At(RDI, 0), tmp3)
	done = append(done, a.Jmp(0))

	pair := func(w int) {
		if w == 2 {
			a.MovZX(2, tmp3, At(RSI, 0))
		} else {
			a.Load(w, tmp3, At(RSI, 0))
		}
		a.Store(w, At(RDI, 0), tmp3)
		if w == 2 {
			a.MovZX(2, tmp3, tail(2))
		} else {
			a.Load(w, tmp3, tail(int32(w)))
		}
		a.Store(w, dtail(int32(w)), tmp3)
		done = append(done, a.Jmp(0))
	}
	a.Patch32(to2, a.Len())
	pair(2)
	a.Patch32(to4, a.Len())
	pair(4)
	a.Patch32(to8, a.Len())
	pair(8)

	a.Patch32(toBig, a.Len())
	a.AluRI(Cmp, 8, RCX, 32)
	toHuge := a.Jcc(CondAE, 0)
	a.MovupsLoad(0, At(RSI, 0))
	a.MovupsLoad(1, tail(16))
	a.MovupsStore(At(RDI, 0), 0)
	a.MovupsStore(dtail(16), 1)
	done = append(done, a.Jmp(0))
	a.Patch32(toHuge, a.Len())
	// 32 to 4095 bytes: 32 at a time, then the last 32 (overlapping);
	// with AVX2 from 64 bytes on, 64 at a time in ymm registers.
	a.AluRI(Cmp, 8, RCX, 4096)
	toRep := a.Jcc(CondAE, 0)
	if g.avx2 {
		a.AluRI(Cmp, 8, RCX, 64)
		toWide := a.Jcc(CondAE, 0)
		g.copyLoop(32)
		done = append(done, a.Jmp(0))
		a.Patch32(toWide, a.Len())
		g.copyLoop(64)
		a.Vzeroupper()
	} else {
		g.copyLoop(32)
	}
	done = append(done, a.Jmp(0))
	// From 4 KiB, REP MOVSB's start-up cost no longer matters.
	a.Patch32(toRep, a.Len())
	a.RepMovsb()
	for _, at := range done {
		a.Patch32(at, a.Len())
	}
}

// copyLoop copies RCX >= step bytes from [RSI] to [RDI], step (32 or 64)
// at a time in two registers of half a step each (xmm or ymm), with every
// store of the loop aligned to its width: a store that straddles two cache
// lines costs two, and one that straddles two pages far more (encoding
// Simple into a buffer that crosses a page took 1.5 times as long with
// unaligned stores). The first half step is stored unaligned, then the
// loop starts at the first aligned address within it, and the last step,
// unaligned again, overlaps what the loop copied.
func (g *gen) copyLoop(step int32) {
	a := &g.a
	half := step / 2
	load := func(r int, m Mem) {
		if half == 32 {
			a.VmovdquLoad(r, m)
		} else {
			a.MovupsLoad(r, m)
		}
	}
	store := func(m Mem, r int) {
		if half == 32 {
			a.VmovdquStore(m, r)
		} else {
			a.MovupsStore(m, r)
		}
	}
	move := func(index Reg) {
		for i := int32(0); i < 2; i++ {
			load(int(i), Mem{Base: RSI, Index: index, Scale: 1, Disp: i * half})
		}
		for i := int32(0); i < 2; i++ {
			store(Mem{Base: RDI, Index: index, Scale: 1, Disp: i * half}, int(i))
		}
	}
	load(0, At(RSI, 0))
	store(At(RDI, 0), 0)
	// tmp3 = half - RDI%half, in 1..half: the first aligned offset past
	// what the head covered, or the head's end.
	a.MovRR(8, tmp3, RDI)
	a.AluRI(And, 4, tmp3, half-1)
	a.AluRI(Xor, 4, tmp3, half-1)
	a.AluRI(Add, 4, tmp3, 1)
	a.AluRI(Sub, 8, RCX, step)
	a.AluRR(Cmp, 8, tmp3, RCX)
	skip := a.Jcc(CondA, 0)
	loop := a.Len()
	move(tmp3)
	a.AluRI(Add, 8, tmp3, step)
	a.AluRR(Cmp, 8, tmp3, RCX)
	a.Patch32(a.Jcc(CondBE, 0), loop)
	a.Patch32(skip, a.Len())
	move(RCX)
}
