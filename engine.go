package frugal

import (
	"fmt"
	"os"
	"strings"

	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/jit"
)

// Engine names a way of running a codec.
type Engine uint8

// The engines. Auto picks the fastest one that works on this platform.
const (
	EngineAuto    Engine = iota // the fastest engine available here
	EngineReflect               // the portable codec, package reflect
	EngineInterp                // the SSA interpreter, package interp: the compiler's reference, slow
	EngineJIT                   // machine code compiled per type (amd64): size and encode today, decode by the reflect codec
)

var engineNames = [...]string{EngineAuto: "auto", EngineReflect: "reflect", EngineInterp: "interp", EngineJIT: "jit"}

// String returns the name FRUGAL_ENGINE uses for e.
func (e Engine) String() string {
	if int(e) < len(engineNames) {
		return engineNames[e]
	}
	return fmt.Sprintf("Engine(%d)", uint8(e))
}

// ParseEngine reads an engine name as FRUGAL_ENGINE spells it.
func ParseEngine(s string) (Engine, error) {
	for e, name := range engineNames {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Engine(e), nil
		}
	}
	return EngineAuto, fmt.Errorf("frugal: unknown engine %q (want reflect, interp, jit or auto)", s)
}

// defaultEngine is what FRUGAL_ENGINE asks for; envEngineErr says why it
// could not be read.
var defaultEngine, envEngineErr = engineFromEnv()

func engineFromEnv() (Engine, error) {
	s, ok := os.LookupEnv("FRUGAL_ENGINE")
	if !ok || s == "" {
		return EngineAuto, nil
	}
	e, err := ParseEngine(s)
	if err != nil {
		return e, fmt.Errorf("%w: FRUGAL_ENGINE: %v", ErrEngineUnavailable, err)
	}
	return e, nil
}

// resolveEngine turns a requested engine into the one that runs for the
// struct d, or says why the request cannot be met.
// For the jit it also returns the codec, compiled to inline inlineDepth
// levels of nested structs.
func resolveEngine(want Engine, d *ir.StructDesc, inlineDepth int) (Engine, string, *jit.Codec, error) {
	switch want {
	case EngineAuto:
		if raceEnabled {
			return EngineReflect, "auto: the race detector is on, and it sees the reflect codec's memory accesses, not generated code's", nil, nil
		}
		jc, err := jit.PrepareInline(d, inlineDepth)
		if err != nil {
			return EngineReflect, "auto: the jit cannot run this type here (" + err.Error() + ")", nil, nil
		}
		return EngineJIT, "auto: machine code, after the jit's start-up self-check passed", jc, nil
	case EngineReflect:
		return EngineReflect, "asked for", nil, nil
	case EngineInterp:
		if err := interp.Prepare(d); err != nil {
			return EngineReflect, "", nil, fmt.Errorf("%w: interp: %v", ErrEngineUnavailable, err)
		}
		return EngineInterp, "asked for", nil, nil
	case EngineJIT:
		jc, err := jit.PrepareInline(d, inlineDepth)
		if err != nil {
			return EngineReflect, "", nil, fmt.Errorf("%w: jit: %v", ErrEngineUnavailable, err)
		}
		return EngineJIT, "asked for", jc, nil
	}
	return EngineReflect, "", nil, fmt.Errorf("%w: %s is not built in this version", ErrEngineUnavailable, want)
}
