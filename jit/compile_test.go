package jit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

// panickingMachine stands for a compiler bug.
type panickingMachine struct{}

func (panickingMachine) Compile(*ssa.Func) (*backend.Func, error) { panic("a compiler bug") }

// A panic while compiling is Prepare's error (auto then runs the reflect
// codec), not the caller's crash; nothing of the failed batch is kept.
func TestCompilerPanicIsAnError(t *testing.T) {
	if machine == nil || !runnable {
		t.Skip("no generated code here")
	}
	type fresh struct {
		A int32 `frugal:"1,default,i32"`
	}
	d, err := ir.Resolve(reflect.TypeOf(fresh{}))
	if err != nil {
		t.Fatal(err)
	}
	programs.Lock()
	saved := machine
	machine = panickingMachine{}
	programs.Unlock()
	_, err = Prepare(d)
	programs.Lock()
	machine = saved
	programs.Unlock()
	if err == nil || !strings.Contains(err.Error(), "a compiler bug") {
		t.Fatalf("Prepare with a panicking compiler: %v", err)
	}
	if _, err := Prepare(d); err != nil {
		t.Fatalf("Prepare after the failed batch: %v", err)
	}
}
