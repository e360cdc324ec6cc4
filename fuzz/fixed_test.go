package fuzz

import (
	"reflect"

	"github.com/frugaljit/frugal/internal/testtypes"
)

// The engine is chosen per Go type, so each engine decodes into types of its
// own: defined types with the layout (and tags) of the testtypes structs,
// convertible to and from them. Nested structs keep their testtypes types:
// the engine of the outermost type runs the whole message.
type (
	reflectSimple        testtypes.Simple
	reflectPartialSimple testtypes.PartialSimple
	reflectNesting       testtypes.Nesting
	reflectNesting2      testtypes.Nesting2
	reflectEverything    testtypes.Everything

	interpSimple        testtypes.Simple
	interpPartialSimple testtypes.PartialSimple
	interpNesting       testtypes.Nesting
	interpNesting2      testtypes.Nesting2
	interpEverything    testtypes.Everything

	jitSimple        testtypes.Simple
	jitPartialSimple testtypes.PartialSimple
	jitNesting       testtypes.Nesting
	jitNesting2      testtypes.Nesting2
	jitEverything    testtypes.Everything
)

// A defined type does not inherit methods: Everything's defaults must come
// along.
func (p *reflectEverything) InitDefault() { (*testtypes.Everything)(p).InitDefault() }
func (p *interpEverything) InitDefault()  { (*testtypes.Everything)(p).InitDefault() }
func (p *jitEverything) InitDefault()     { (*testtypes.Everything)(p).InitDefault() }

// Indexes into fixedTypes.
const (
	fixedSimple = iota
	fixedPartialSimple
	fixedNesting
	fixedNesting2
	fixedEverything
)

// fixedTypes are the types FuzzDecode and FuzzSkip decode into: the baseline
// IDL's structs and Everything.
var fixedTypes = []reflect.Type{
	fixedSimple:        reflect.TypeFor[testtypes.Simple](),
	fixedPartialSimple: reflect.TypeFor[testtypes.PartialSimple](),
	fixedNesting:       reflect.TypeFor[testtypes.Nesting](),
	fixedNesting2:      reflect.TypeFor[testtypes.Nesting2](),
	fixedEverything:    reflect.TypeFor[testtypes.Everything](),
}

// fixedVariants gives, per engine name, the types parallel to fixedTypes
// that run on that engine.
var fixedVariants = map[string][]reflect.Type{
	"reflect": {
		reflect.TypeFor[reflectSimple](), reflect.TypeFor[reflectPartialSimple](), reflect.TypeFor[reflectNesting](),
		reflect.TypeFor[reflectNesting2](), reflect.TypeFor[reflectEverything](),
	},
	"interp": {
		reflect.TypeFor[interpSimple](), reflect.TypeFor[interpPartialSimple](), reflect.TypeFor[interpNesting](),
		reflect.TypeFor[interpNesting2](), reflect.TypeFor[interpEverything](),
	},
	"jit": {
		reflect.TypeFor[jitSimple](), reflect.TypeFor[jitPartialSimple](), reflect.TypeFor[jitNesting](),
		reflect.TypeFor[jitNesting2](), reflect.TypeFor[jitEverything](),
	},
}
