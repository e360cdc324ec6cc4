package bench

import (
	"reflect"

	fjfrugal "github.com/frugaljit/frugal"

	"github.com/frugaljit/frugal/bench/gen/baseline"
	"github.com/frugaljit/frugal/bench/gen/benchmsg"
	jitbaseline "github.com/frugaljit/frugal/bench/gen/jit/baseline"
	jitbenchmsg "github.com/frugaljit/frugal/bench/gen/jit/benchmsg"
)

// jitTypes maps the shared types to copies (gen/jit) that run on the jit
// engine: engines are chosen per type, and the shared types are pinned to
// the reflect codec for the frugaljit-reflect contender.
var jitTypes = map[reflect.Type]target{
	reflect.TypeFor[*baseline.Simple]():        targetOf[jitbaseline.Simple](),
	reflect.TypeFor[*baseline.PartialSimple](): targetOf[jitbaseline.PartialSimple](),
	reflect.TypeFor[*baseline.Nesting]():       targetOf[jitbaseline.Nesting](),
	reflect.TypeFor[*baseline.Nesting2]():      targetOf[jitbaseline.Nesting2](),
	reflect.TypeFor[*benchmsg.ListOfSmall]():   targetOf[jitbenchmsg.ListOfSmall](),
	reflect.TypeFor[*benchmsg.Small]():         targetOf[jitbenchmsg.Small](),
	reflect.TypeFor[*benchmsg.Request]():       targetOf[jitbenchmsg.Request](),
}

// jitContender is this library with its types pinned to the jit engine
// (compiled size, encode and decode). It joins Contenders only where the
// jit runs.
var jitContender = Contender{
	Name:        "frugaljit-jit",
	Role:        Ours,
	EncodedSize: fjfrugal.EncodedSize,
	Encode:      func(buf []byte, v any) (int, error) { return fjfrugal.EncodeObject(buf, nil, v) },
	Decode:      fjfrugal.DecodeObject,
	Adapt:       adaptTo(jitTypes),
}

func init() {
	// The shared types are the frugaljit-reflect contender's: pinned to
	// the reflect codec, as auto picks the jit where it runs.
	for _, m := range Messages {
		if err := fjfrugal.Pretouch(m.Value, fjfrugal.WithEngine(fjfrugal.EngineReflect)); err != nil {
			panic(err)
		}
	}
	for _, t := range jitTypes {
		if fjfrugal.Pretouch(t.typ, fjfrugal.WithEngine(fjfrugal.EngineJIT)) != nil {
			return
		}
	}
	// After frugaljit-reflect, so that the two of this library sit together.
	for i, c := range Contenders {
		if c.Name == "frugaljit-reflect" {
			Contenders = append(Contenders[:i+1], append([]Contender{jitContender}, Contenders[i+1:]...)...)
			return
		}
	}
}
