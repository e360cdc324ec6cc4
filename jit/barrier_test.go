package jit

import (
	"testing"
	"unsafe"

	"github.com/frugaljit/frugal/backend/amd64"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// alwaysOn is a write barrier flag that is always set.
var alwaysOn = [8]byte{1}

// withBarrierOn runs f with every program compiled anew to read a flag
// that is always set, so every pointer store takes the barrier's exit.
func withBarrierOn(t *testing.T, f func()) {
	t.Helper()
	withMachine(t, func(m *amd64.Machine) { m.WriteBarrier = uintptr(unsafe.Pointer(&alwaysOn)) }, f)
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
