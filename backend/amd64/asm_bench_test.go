package amd64

import "testing"

// Encoding 1000 instructions of the kinds codecs use, into a reused buffer:
// DESIGN.md measured cloudwego/iasm at about 1.5 ms for as many.
func BenchmarkEncode1000(b *testing.B) {
	var a Asm
	m := Mem{Base: R12, Index: RCX, Scale: 8, Disp: 24}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a.Reset()
		for j := 0; j < 100; j++ {
			a.Load(8, RAX, m)
			a.Bswap(8, RAX)
			a.Store(8, At(RDI, int32(j)), RAX)
			a.StoreImm(4, At(RDI, 8), 0x0400080b)
			a.AluRI(Add, 8, RSI, 11)
			a.AluRR(Cmp, 8, RSI, RDX)
			a.Jcc(CondA, 0x100)
			a.MovZX(1, RBX, At(R9, 3))
			a.Lea(R10, m)
			a.MovbeStore(4, At(RDI, 12), RBX)
		}
	}
}
