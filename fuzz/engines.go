package fuzz

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/frugaljit/frugal"
)

// Engine is one engine the differential targets compare.
type Engine struct {
	Name string
	ID   frugal.Engine
}

// Engines lists every engine, built or not. A target compares the ones that
// Pin accepts and reports the others as skipped, with the reason.
var Engines = []Engine{
	{"reflect", frugal.EngineReflect},
	{"interp", frugal.EngineInterp},
	{"jit", frugal.EngineJIT},
}

// Pin makes values of type t (a struct type) and *t run on engine e, the way
// a user selects an engine (Pretouch with WithEngine), and checks with
// EngineOf that e really runs them. It returns ok=false and the reason when
// the engine is not available (ErrEngineUnavailable), and an error for any
// other failure, including an engine that silently runs another one.
func (e Engine) Pin(t reflect.Type) (ok bool, reason string, err error) {
	if err := frugal.Pretouch(t, frugal.WithEngine(e.ID)); err != nil {
		if errors.Is(err, frugal.ErrEngineUnavailable) {
			return false, err.Error(), nil
		}
		return false, "", fmt.Errorf("Pretouch(%s, %s): %w", t, e.Name, err)
	}
	for _, vt := range []reflect.Type{t, reflect.PointerTo(t)} {
		got, why, err := frugal.EngineOf(vt)
		if err != nil {
			return false, "", fmt.Errorf("EngineOf(%s) after pinning %s: %w", vt, e.Name, err)
		}
		if got != e.ID {
			return false, "", fmt.Errorf("EngineOf(%s) = %s (%s), want %s", vt, got, why, e.Name)
		}
	}
	return true, "", nil
}
