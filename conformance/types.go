package conformance

import (
	"reflect"

	"github.com/frugaljit/frugal/conformance/gen/baseline"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// Types lists every struct type generated from idl/*.thrift (a test checks
// that none is missing).
var Types = []reflect.Type{
	typeOf[baseline.Simple](),
	typeOf[baseline.PartialSimple](),
	typeOf[baseline.Nesting](),
	typeOf[baseline.Nesting2](),

	typeOf[everything.Empty](),
	typeOf[everything.Scalars](),
	typeOf[everything.Required](),
	typeOf[everything.Optional](),
	typeOf[everything.Default](),
	typeOf[everything.Mixed](),
	typeOf[everything.Defaults](),
	typeOf[everything.OptionalDefaults](),
	typeOf[everything.Typedefs](),
	typeOf[everything.Enums](),
	typeOf[everything.ListNode](),
	typeOf[everything.Tree](),
	typeOf[everything.MutualA](),
	typeOf[everything.MutualB](),
	typeOf[everything.Containers](),
	typeOf[everything.Holder](),
	typeOf[everything.Nested](),
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
