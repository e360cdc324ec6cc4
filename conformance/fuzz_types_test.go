package conformance

import (
	"reflect"

	"github.com/frugaljit/frugal/conformance/gen/baseline"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// The library picks its engine per Go type, so each engine decodes into
// types of its own: defined types with the generated types' layout and
// tags, convertible to them (methods do not carry over: InitDefault is
// forwarded). The generated types themselves keep running on the engine
// FRUGAL_ENGINE names, for the other tests of this package.
type (
	reflectFuzzSimple        baseline.Simple
	reflectFuzzPartialSimple baseline.PartialSimple
	reflectFuzzNesting       baseline.Nesting
	reflectFuzzNesting2      baseline.Nesting2
	reflectFuzzContainers    everything.Containers
	reflectFuzzTree          everything.Tree
	reflectFuzzRequired      everything.Required
	reflectFuzzDefaults      everything.Defaults

	interpFuzzSimple        baseline.Simple
	interpFuzzPartialSimple baseline.PartialSimple
	interpFuzzNesting       baseline.Nesting
	interpFuzzNesting2      baseline.Nesting2
	interpFuzzContainers    everything.Containers
	interpFuzzTree          everything.Tree
	interpFuzzRequired      everything.Required
	interpFuzzDefaults      everything.Defaults

	jitFuzzSimple        baseline.Simple
	jitFuzzPartialSimple baseline.PartialSimple
	jitFuzzNesting       baseline.Nesting
	jitFuzzNesting2      baseline.Nesting2
	jitFuzzContainers    everything.Containers
	jitFuzzTree          everything.Tree
	jitFuzzRequired      everything.Required
	jitFuzzDefaults      everything.Defaults
)

func (p *reflectFuzzSimple) InitDefault()        { (*baseline.Simple)(p).InitDefault() }
func (p *reflectFuzzPartialSimple) InitDefault() { (*baseline.PartialSimple)(p).InitDefault() }
func (p *reflectFuzzNesting) InitDefault()       { (*baseline.Nesting)(p).InitDefault() }
func (p *reflectFuzzNesting2) InitDefault()      { (*baseline.Nesting2)(p).InitDefault() }
func (p *reflectFuzzContainers) InitDefault()    { (*everything.Containers)(p).InitDefault() }
func (p *reflectFuzzTree) InitDefault()          { (*everything.Tree)(p).InitDefault() }
func (p *reflectFuzzRequired) InitDefault()      { (*everything.Required)(p).InitDefault() }
func (p *reflectFuzzDefaults) InitDefault()      { (*everything.Defaults)(p).InitDefault() }

func (p *interpFuzzSimple) InitDefault()        { (*baseline.Simple)(p).InitDefault() }
func (p *interpFuzzPartialSimple) InitDefault() { (*baseline.PartialSimple)(p).InitDefault() }
func (p *interpFuzzNesting) InitDefault()       { (*baseline.Nesting)(p).InitDefault() }
func (p *interpFuzzNesting2) InitDefault()      { (*baseline.Nesting2)(p).InitDefault() }
func (p *interpFuzzContainers) InitDefault()    { (*everything.Containers)(p).InitDefault() }
func (p *interpFuzzTree) InitDefault()          { (*everything.Tree)(p).InitDefault() }
func (p *interpFuzzRequired) InitDefault()      { (*everything.Required)(p).InitDefault() }
func (p *interpFuzzDefaults) InitDefault()      { (*everything.Defaults)(p).InitDefault() }

func (p *jitFuzzSimple) InitDefault()        { (*baseline.Simple)(p).InitDefault() }
func (p *jitFuzzPartialSimple) InitDefault() { (*baseline.PartialSimple)(p).InitDefault() }
func (p *jitFuzzNesting) InitDefault()       { (*baseline.Nesting)(p).InitDefault() }
func (p *jitFuzzNesting2) InitDefault()      { (*baseline.Nesting2)(p).InitDefault() }
func (p *jitFuzzContainers) InitDefault()    { (*everything.Containers)(p).InitDefault() }
func (p *jitFuzzTree) InitDefault()          { (*everything.Tree)(p).InitDefault() }
func (p *jitFuzzRequired) InitDefault()      { (*everything.Required)(p).InitDefault() }
func (p *jitFuzzDefaults) InitDefault()      { (*everything.Defaults)(p).InitDefault() }

// fuzzTypes are the generated types FuzzApacheDecode decodes into.
var fuzzTypes = []reflect.Type{
	typeOf[baseline.Simple](), typeOf[baseline.PartialSimple](), typeOf[baseline.Nesting](), typeOf[baseline.Nesting2](),
	typeOf[everything.Containers](), typeOf[everything.Tree](), typeOf[everything.Required](), typeOf[everything.Defaults](),
}

// fuzzVariants gives, per engine name, the types parallel to fuzzTypes that
// run on that engine.
var fuzzVariants = map[string][]reflect.Type{
	"reflect": {
		typeOf[reflectFuzzSimple](), typeOf[reflectFuzzPartialSimple](), typeOf[reflectFuzzNesting](), typeOf[reflectFuzzNesting2](),
		typeOf[reflectFuzzContainers](), typeOf[reflectFuzzTree](), typeOf[reflectFuzzRequired](), typeOf[reflectFuzzDefaults](),
	},
	"interp": {
		typeOf[interpFuzzSimple](), typeOf[interpFuzzPartialSimple](), typeOf[interpFuzzNesting](), typeOf[interpFuzzNesting2](),
		typeOf[interpFuzzContainers](), typeOf[interpFuzzTree](), typeOf[interpFuzzRequired](), typeOf[interpFuzzDefaults](),
	},
	"jit": {
		typeOf[jitFuzzSimple](), typeOf[jitFuzzPartialSimple](), typeOf[jitFuzzNesting](), typeOf[jitFuzzNesting2](),
		typeOf[jitFuzzContainers](), typeOf[jitFuzzTree](), typeOf[jitFuzzRequired](), typeOf[jitFuzzDefaults](),
	},
}
