package jit

import (
	"runtime"
	"sync"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// sumCtx is the context of the test functions; the offsets are pinned below.
type sumCtx struct {
	A, B, Sum int32
	_         int32
	G         uintptr // word 2 (backend.CtxG): the trampoline stores the goroutine's g there
	Data      *int64  // a Go pointer the code reads through
	N         int64
	Total     int64
}

func TestContextLayout(t *testing.T) {
	var c sumCtx
	if unsafe.Offsetof(c.Sum) != 8 || unsafe.Offsetof(c.G) != 8*backend.CtxG || unsafe.Offsetof(c.Data) != 24 || unsafe.Offsetof(c.N) != 32 || unsafe.Offsetof(c.Total) != 40 {
		t.Fatal("sumCtx layout changed: the generated code's offsets are wrong")
	}
}

// load assembles and loads code, failing the test on error.
func load(t *testing.T, emit func(a *amd64.Asm)) *Code {
	t.Helper()
	var a amd64.Asm
	emit(&a)
	c, err := Load(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCallAddsAndExits(t *testing.T) {
	c := load(t, func(a *amd64.Asm) {
		a.Load(4, amd64.RAX, amd64.At(amd64.RDI, 0))
		a.AluRM(amd64.Add, 4, amd64.RAX, amd64.At(amd64.RDI, 4))
		a.Store(4, amd64.At(amd64.RDI, 8), amd64.RAX)
		a.MovImm(amd64.RAX, 7) // the exit code
		a.Ret()
	})
	ctx := &sumCtx{A: 40, B: 2}
	if code := Call(c.Addr(0), unsafe.Pointer(ctx)); code != 7 || ctx.Sum != 42 {
		t.Fatalf("exit %d, sum %d", code, ctx.Sum)
	}
	if ctx.G == 0 {
		t.Fatal("the trampoline left no g in the context")
	}
	if mapped, used := MemoryUse(); mapped < c.Size() || used <= 0 {
		t.Fatalf("memory use %d mapped, %d used", mapped, used)
	}
}

// sumCode sums ctx.N int64s at ctx.Data into ctx.Total:
//
//	rsi = data; rcx = n; rax = 0; rdx = 0
//	loop: if rdx >= rcx goto done; rax += [rsi+rdx*8]; rdx++; goto loop
//	done: total = rax; return 0
func sumCode(a *amd64.Asm) {
	a.Load(8, amd64.RSI, amd64.At(amd64.RDI, 24))
	a.Load(8, amd64.RCX, amd64.At(amd64.RDI, 32))
	a.AluRR(amd64.Xor, 4, amd64.RAX, amd64.RAX)
	a.AluRR(amd64.Xor, 4, amd64.RDX, amd64.RDX)
	loop := a.Len()
	a.AluRR(amd64.Cmp, 8, amd64.RDX, amd64.RCX)
	exit := a.Jcc(amd64.CondAE, 0)
	a.AluRM(amd64.Add, 8, amd64.RAX, amd64.Mem{Base: amd64.RSI, Index: amd64.RDX, Scale: 8})
	a.AluRI(amd64.Add, 8, amd64.RDX, 1)
	back := a.Jmp(0)
	a.Patch32(back, loop)
	a.Patch32(exit, a.Len())
	a.Store(8, amd64.At(amd64.RDI, 40), amd64.RAX)
	a.AluRR(amd64.Xor, 4, amd64.RAX, amd64.RAX)
	a.Ret()
}

// Generated code reading Go memory through the context, from many
// goroutines while GC runs, gets the right answer every time.
func TestCallUnderGC(t *testing.T) {
	c := load(t, sumCode)
	stopGC := testtypes.GCLoop()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				data := make([]int64, 100+g)
				want := int64(0)
				for k := range data {
					data[k] = int64(k * (g + 1))
					want += data[k]
				}
				ctx := &sumCtx{Data: &data[0], N: int64(len(data))}
				if code := Call(c.Addr(0), unsafe.Pointer(ctx)); code != 0 || ctx.Total != want {
					t.Errorf("sum %d, want %d (exit %d)", ctx.Total, want, code)
					return
				}
				runtime.KeepAlive(data)
			}
		}(g)
	}
	wg.Wait()
	stopGC()
}

// The runtime invariants the generated code relies on hold here.
func TestSelfCheck(t *testing.T) {
	if err := selfCheck(); err != nil {
		t.Fatal(err)
	}
	if stackPreempt != 0xfffffffffffffade {
		t.Fatalf("stackPreempt %#x", stackPreempt)
	}
}
