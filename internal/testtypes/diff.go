package testtypes

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/frugaljit/frugal/wire"
)

// errorClasses are the classes of decoding errors the engines must agree on.
var errorClasses = []error{wire.ErrTruncated, wire.ErrNegativeSize, wire.ErrDepthLimit, wire.ErrTypeMismatch,
	wire.ErrUnknownType, wire.ErrMissingRequired}

// ErrorClass returns the class of a decoding error (one of wire's Err
// values), err itself when it has none, nil for nil.
func ErrorClass(err error) error {
	for _, c := range errorClasses {
		if errors.Is(err, c) {
			return c
		}
	}
	return err
}

// Difference names the first exported field in which the structs at a and
// b (pointers of one type) differ, following pointers to structs, and
// shows both values: a's first.
func Difference(a, b any) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := 0; i < va.NumField(); i++ {
		if !va.Type().Field(i).IsExported() {
			continue
		}
		if !Equal(va.Field(i).Addr().Interface(), vb.Field(i).Addr().Interface()) {
			fa, fb := va.Field(i), vb.Field(i)
			if fa.Kind() == reflect.Pointer && !fa.IsNil() && !fb.IsNil() && fa.Elem().Kind() == reflect.Struct {
				return va.Type().Field(i).Name + "." + Difference(fa.Interface(), fb.Interface())
			}
			return fmt.Sprintf("field %s: %#v vs %#v", va.Type().Field(i).Name, va.Field(i), vb.Field(i))
		}
	}
	return "unexported fields"
}
