package jit

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	codec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/ssa"
)

// freshProbe is a small type with a string and a list (a loop, so a poll).
type freshProbe struct {
	A int16   `frugal:"1,default,i16"`
	B string  `frugal:"2,default,string"`
	L []int32 `frugal:"3,default,list<i32>"`
}

// Generated code entered on a fresh context reads no word of it that the
// entry did not set before writing it: with every other word poisoned,
// size and encode programs that fit CallFresh's context give the reflect
// codec's results, or exit where they exit on a clean context. A goroutine
// forcing GC makes the runtime ask for preemption at the copy loops' polls.
func TestFreshContextPoisoned(t *testing.T) {
	defer testtypes.GCLoop()()
	g := testtypes.NewRandom(11)
	values := []any{testtypes.NewSimple(), &testtypes.Simple{}, &testtypes.PartialSimple{}, &freshProbe{B: "x", L: []int32{1, 2}}}
	for range 200 {
		v := new(testtypes.Simple)
		g.Fill(v)
		values = append(values, v)
	}
	// Larger programs, with loops and map walks, whose contexts fit too.
	values = append(values, testtypes.NewNesting(), &testtypes.Nesting{}, testtypes.NewNesting2())
	for range 20 {
		v := new(testtypes.Nesting)
		g.Fill(v)
		values = append(values, v)
	}
	checked, inconclusive := 0, 0
	for _, v := range values {
		c := prepared(t, v)
		p := reflect.ValueOf(v).UnsafePointer()
		size := codec.Size(c.desc, p)
		want := make([]byte, size)
		if _, err := codec.Encode(want, nil, c.desc, p); err != nil {
			t.Fatal(err)
		}
		for _, poison := range []uint64{0xdeadbeefdeadbeef, ^uint64(0), 1 << 63, 0x0101010101010101} {
			if c.size.words <= freshWords {
				checked++
				code, n, done := unyielded(c.size, func() (uint64, uint64) {
					return callFreshPoisoned(c.size.addr, uint64(uintptr(p)), 0, 0, 0, poison)
				})
				if code == backend.ExitReturn && int(n) != size {
					t.Fatalf("%T size with poison %#x: %d, want %d", v, poison, n, size)
				}
				clean, _, cleanDone := unyielded(c.size, func() (uint64, uint64) {
					return CallFresh(c.size.addr, uint64(uintptr(p)), 0, 0, 0)
				})
				if !done || !cleanDone {
					inconclusive++
				} else if code != clean {
					t.Fatalf("%T size with poison %#x: exit %d, on a clean context %d", v, poison, code, clean)
				}
			}
			if c.encode.words <= freshWords {
				checked++
				got := make([]byte, size)
				out := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(got))))
				code, n, done := unyielded(c.encode, func() (uint64, uint64) {
					return callFreshPoisoned(c.encode.addr, uint64(uintptr(p)), out, uint64(len(got)), ssa.NocopyMin(false), poison)
				})
				if code == backend.ExitReturn && (int(n) != size || !sameEncoding(c, v, got, want)) {
					t.Fatalf("%T encode with poison %#x: %d bytes %x, want %x", v, poison, n, got, want)
				}
				clean, _, cleanDone := unyielded(c.encode, func() (uint64, uint64) {
					return CallFresh(c.encode.addr, uint64(uintptr(p)), out, uint64(len(got)), ssa.NocopyMin(false))
				})
				if !done || !cleanDone {
					inconclusive++
				} else if code != clean {
					t.Fatalf("%T encode with poison %#x: exit %d, on a clean context %d", v, poison, code, clean)
				}
			}
		}
		runtime.KeepAlive(v)
	}
	if checked == 0 || inconclusive > checked/10 {
		t.Fatalf("%d poisoned runs, %d of them never finished for the preemption polls", checked, inconclusive)
	}
	t.Logf("%d poisoned runs, %d inconclusive", checked, inconclusive)
}

// sameEncoding reports whether got, an encoding of v, is want, or (maps
// are written in the order of their memory, not of Go's iteration) decodes
// with the reflect codec to a value equal to v.
func sameEncoding(c *Codec, v any, got, want []byte) bool {
	if bytes.Equal(got, want) {
		return true
	}
	back := fresh(v)
	n, err := codec.Decode(got, c.desc, reflect.ValueOf(back).UnsafePointer())
	return err == nil && n == len(got) && testtypes.Equal(v, back)
}

// unyielded runs call, a fresh call of c, again while it stops at a
// preemption poll: whether the runtime asks the goroutine to stop (a GC
// starting, under GODEBUG=gccheckmark=1 often) is no property of the
// context, so such an exit says nothing about it. Copy loops poll, so
// strings and binaries can yield. done is false where every one of 1000
// tries yielded: with a GC loop on a slow machine, the runtime can ask
// again within every run of a large program (Nesting2's encode failed
// so once in CI), which a real call survives by resuming on a context of
// its own.
func unyielded(c *compiled, call func() (code, result uint64)) (code, result uint64, done bool) {
	for range 1000 {
		code, result = call()
		if code == backend.ExitReturn || c.fn.Sites[code-1].Kind != ssa.ExitYield {
			return code, result, true
		}
		runtime.Gosched() // let the runtime have the goroutine it asked for
	}
	return code, result, false
}

// Types whose programs exit for reasons of their own stop trying fresh
// contexts after the first call; those that exit only for an error keep
// them, and both still give the reflect codec's bytes.
func TestFreshCallsAfterExits(t *testing.T) {
	// Deeper than the inline depth, Everything's Next goes through a call
	// exit.
	m := &testtypes.Everything{ReqStruct: &testtypes.Simple{}}
	for range ir.DefaultInlineDepth + 1 {
		m = &testtypes.Everything{ReqStruct: &testtypes.Simple{}, Next: m}
	}
	c := prepared(t, m)
	if c.encode.words > freshWords {
		t.Fatalf("Everything's encode needs %d context words, CallFresh has %d: pick a smaller type", c.encode.words, freshWords)
	}
	encodeBoth(t, m)
	if c.encode.fresh.Load() != 0 {
		t.Fatalf("Everything's encode still tries fresh contexts after exiting for a call")
	}
	v := testtypes.NewSimple()
	cs := prepared(t, v)
	if cs.encode.fresh.Load() == 0 {
		t.Fatalf("Simple's encode needs %d context words, CallFresh has %d: it should fit", cs.encode.words, freshWords)
	}
	shortBuffersFail(t, cs, reflect.ValueOf(v).UnsafePointer(), 1)
	if cs.encode.fresh.Load() == 0 {
		t.Fatal("Simple's encode stopped trying fresh contexts after short buffers")
	}
	encodeBoth(t, v)
}
