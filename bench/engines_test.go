package bench

import (
	"testing"

	fjfrugal "github.com/frugaljit/frugal"
)

// The two contenders of this library run on the engines their names say:
// the shared types on the reflect codec, their gen/jit copies on the jit.
func TestContenderEngines(t *testing.T) {
	for _, m := range Messages {
		if e, why, err := fjfrugal.EngineOf(m.Value); e != fjfrugal.EngineReflect || err != nil {
			t.Errorf("%s runs on %v (%s, %v), want reflect", m.Name, e, why, err)
		}
	}
	jit := false
	for _, c := range Contenders {
		jit = jit || c.Name == jitContender.Name
	}
	if !jit {
		return // no jit here: the contender is left out
	}
	for _, to := range jitTypes {
		if e, why, err := fjfrugal.EngineOf(to.new()); e != fjfrugal.EngineJIT || err != nil {
			t.Errorf("%v runs on %v (%s, %v), want jit", to.typ, e, why, err)
		}
	}
}
