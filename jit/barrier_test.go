package jit

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// alwaysOn is a write barrier flag that is always set.
var alwaysOn = [8]byte{1}

// withBarrierOn runs f with every program compiled anew to read a flag
// that is always set, so every pointer store takes the barrier's exit
// (the runtime's gcWriteBarrier2 must not run while no GC marks).
func withBarrierOn(t *testing.T, f func()) {
	t.Helper()
	withMachine(t, func(m *amd64.Machine) {
		m.WriteBarrier = uintptr(unsafe.Pointer(&alwaysOn))
		m.GCWriteBarrier = 0
	}, f)
}

// withMachine runs f with every program compiled anew by this platform's
// code generator as edit changes it.
func withMachine(t *testing.T, edit func(*amd64.Machine), f func()) {
	t.Helper()
	if machine == nil || !runnable {
		t.Skip("no generated code here")
	}
	programs.Lock()
	savedMachine, savedPrograms := machine, programs.m
	m := machine.(amd64.Machine)
	edit(&m)
	machine, programs.m = m, nil
	programs.Unlock()
	defer func() {
		programs.Lock()
		machine, programs.m = savedMachine, savedPrograms
		programs.Unlock()
	}()
	f()
}

// Every pointer store through the barrier's exit gives the same values.
func TestDecodeThroughBarrierExits(t *testing.T) {
	withBarrierOn(t, func() {
		before := barriers.Load()
		v := &testtypes.Everything{ReqStruct: testtypes.NewSimple(), ListBool: make([]bool, 1000)}
		decodeBoth(t, reflectEncode(t, v), v, "ListBool")
		t.Logf("%d barriers", barriers.Load()-before)
		TestDecodeMatchesReflect(t)
		TestDecodeOverExistingValue(t)
		if barriers.Load() == before {
			t.Fatal("no pointer store took the barrier's exit")
		}
	})
}

// barrierLog is what recordingBarrier writes: the byte offset of the next
// record (wrapping) and the records, each the pointer stored and the one
// it replaced.
var barrierLog struct {
	next    uintptr
	records [1 << 12][2]uintptr
}

// recordingBarrier returns generated code with gcWriteBarrier2's contract
// (room for two pointers in R11; every other register kept) whose room is
// the next record of barrierLog.
func recordingBarrier(t *testing.T) uintptr {
	t.Helper()
	var a amd64.Asm
	a.Push(amd64.RAX)
	a.MovImm(amd64.RAX, int64(uintptr(unsafe.Pointer(&barrierLog))))
	a.Load(8, amd64.R11, amd64.At(amd64.RAX, 0))
	mask := int32(unsafe.Sizeof(barrierLog.records) - 1)
	a.Lea(amd64.R11, amd64.At(amd64.R11, 16))
	a.AluRI(amd64.And, 8, amd64.R11, mask)
	a.Store(8, amd64.At(amd64.RAX, 0), amd64.R11)
	a.Lea(amd64.R11, amd64.At(amd64.R11, -16)) // back to the record handed out
	a.AluRI(amd64.And, 8, amd64.R11, mask)
	a.AluRR(amd64.Add, 8, amd64.R11, amd64.RAX)
	a.Lea(amd64.R11, amd64.At(amd64.R11, int32(unsafe.Offsetof(barrierLog.records))))
	a.Pop(amd64.RAX)
	a.Ret()
	return loaded(t, &a)
}

// withBarrierCalls runs f with every program compiled anew to read a flag
// that is always set and to call recordingBarrier at each pointer store.
func withBarrierCalls(t *testing.T, f func()) {
	t.Helper()
	barrier := recordingBarrier(t)
	withMachine(t, func(m *amd64.Machine) {
		m.WriteBarrier = uintptr(unsafe.Pointer(&alwaysOn))
		m.GCWriteBarrier = barrier
	}, f)
}

// Pointer stores that call the barrier hand it the pointer stored and the
// one replaced, store the pointer, and disturb no register: decoding gives
// the reflect codec's values, and the records are the stores made.
func TestDecodeThroughBarrierCalls(t *testing.T) {
	withBarrierCalls(t, func() {
		v := testtypes.NewSimple()
		b := reflectEncode(t, v)
		got := new(testtypes.Simple)
		c := prepared(t, got)
		decodeInto := func() {
			barrierLog.next = 0
			if _, err := c.Decode(b, unsafe.Pointer(got)); err != nil {
				t.Fatal(err)
			}
		}
		decodeInto()
		first := [][2]uintptr{
			{uintptr(unsafe.Pointer(unsafe.StringData(got.StringField))), 0},
			{uintptr(unsafe.Pointer(unsafe.SliceData(got.BinaryField))), 0},
		}
		if n := int(barrierLog.next / 16); n != 2 || barrierLog.records[0] != first[0] || barrierLog.records[1] != first[1] {
			t.Fatalf("records %x, want %x", barrierLog.records[:n], first)
		}
		decodeInto()
		second := [][2]uintptr{
			{uintptr(unsafe.Pointer(unsafe.StringData(got.StringField))), first[0][0]},
			{uintptr(unsafe.Pointer(unsafe.SliceData(got.BinaryField))), first[1][0]},
		}
		if n := int(barrierLog.next / 16); n != 2 || barrierLog.records[0] != second[0] || barrierLog.records[1] != second[1] {
			t.Fatalf("decoding again: records %x, want %x", barrierLog.records[:n], second)
		}
		if !reflect.DeepEqual(got, v) {
			t.Fatalf("decoded %+v, want %+v", got, v)
		}
		before := barriers.Load()
		TestDecodeMatchesReflect(t)
		TestDecodeOverExistingValue(t)
		if barriers.Load() != before {
			t.Fatalf("%d pointer stores exited instead of calling the barrier", barriers.Load()-before)
		}
	})
}

// barrierCalls counts the calls of countingBarrier.
var barrierCalls uint64

// countingBarrier returns generated code that counts a call in
// barrierCalls and calls runtime.gcWriteBarrier2: R11 is the routine's to
// clobber, and RAX is kept on the stack.
func countingBarrier(t *testing.T) uintptr {
	t.Helper()
	var a amd64.Asm
	a.Push(amd64.RAX)
	a.MovImm(amd64.RAX, int64(uintptr(unsafe.Pointer(&barrierCalls))))
	a.Load(8, amd64.R11, amd64.At(amd64.RAX, 0))
	a.Lea(amd64.R11, amd64.At(amd64.R11, 1))
	a.Store(8, amd64.At(amd64.RAX, 0), amd64.R11)
	a.Pop(amd64.RAX)
	a.MovImm(amd64.R11, int64(gcWriteBarrierEntry()))
	a.CallR(amd64.R11)
	a.Ret()
	return loaded(t, &a)
}

// loaded returns the address of a's code in executable memory.
func loaded(t *testing.T, a *amd64.Asm) uintptr {
	t.Helper()
	code, err := Load(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return code.Addr(0)
}
