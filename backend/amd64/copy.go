package amd64

// copyBytes copies RCX bytes from [RSI] to [RDI] (the ranges do not
// overlap). REP MOVSB takes tens of cycles to start, longer than most
// strings take to copy, so short copies move two overlapping chunks of the
// largest width that fits, head and tail: 1, 2+2, 4+4, 8+8 or 16+16 bytes;
// up to 4 KiB, a loop of 32-byte moves and an overlapping last 32.
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
	// 32 to 4095 bytes: 32 at a time, then the last 32 (overlapping).
	a.AluRI(Cmp, 8, RCX, 4096)
	toRep := a.Jcc(CondAE, 0)
	a.AluRI(Sub, 8, RCX, 32)
	a.AluRR(Xor, 4, tmp3, tmp3)
	loop := a.Len()
	a.MovupsLoad(0, Mem{Base: RSI, Index: tmp3, Scale: 1})
	a.MovupsLoad(1, Mem{Base: RSI, Index: tmp3, Scale: 1, Disp: 16})
	a.MovupsStore(Mem{Base: RDI, Index: tmp3, Scale: 1}, 0)
	a.MovupsStore(Mem{Base: RDI, Index: tmp3, Scale: 1, Disp: 16}, 1)
	a.AluRI(Add, 8, tmp3, 32)
	a.AluRR(Cmp, 8, tmp3, RCX)
	a.Patch32(a.Jcc(CondBE, 0), loop)
	a.MovupsLoad(0, Mem{Base: RSI, Index: RCX, Scale: 1})
	a.MovupsLoad(1, Mem{Base: RSI, Index: RCX, Scale: 1, Disp: 16})
	a.MovupsStore(Mem{Base: RDI, Index: RCX, Scale: 1}, 0)
	a.MovupsStore(Mem{Base: RDI, Index: RCX, Scale: 1, Disp: 16}, 1)
	done = append(done, a.Jmp(0))
	// From 4 KiB, REP MOVSB's start-up cost no longer matters.
	a.Patch32(toRep, a.Len())
	a.RepMovsb()
	for _, at := range done {
		a.Patch32(at, a.Len())
	}
}
