package ir

import (
	"reflect"
	"sync"
)

// typeNames holds the names tools give struct types they build at run time
// (reflect.StructOf types have none), for printing and error paths.
var typeNames sync.Map // reflect.Type -> string

// SetTypeName names an unnamed struct type, before it is first resolved.
func SetTypeName(t reflect.Type, name string) { typeNames.Store(t, name) }

// nameOf returns the name schemas print for a struct type.
func nameOf(t reflect.Type) string {
	if n, ok := typeNames.Load(t); ok {
		return n.(string)
	}
	return t.String()
}
