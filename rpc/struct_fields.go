package rpc

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// thriftFieldID returns the Thrift field id that f's struct tags declare: the
// first element of a frugal tag ("1,required,i32"), else the second of a
// thrift tag ("name,1,required"), the two forms thriftgo emits.
func thriftFieldID(f reflect.StructField) (int16, bool) {
	if tag, ok := f.Tag.Lookup("frugal"); ok {
		id, _, _ := strings.Cut(tag, ",")
		return parseFieldID(id)
	}
	if tag, ok := f.Tag.Lookup("thrift"); ok {
		parts := strings.Split(tag, ",")
		if len(parts) >= 2 {
			return parseFieldID(parts[1])
		}
	}
	return 0, false
}

func parseFieldID(s string) (int16, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 16)
	return int16(id), err == nil
}

// fieldWithID returns the index of the field of struct type t whose Thrift id
// is id, checking that the field has type want.
func fieldWithID(t reflect.Type, id int16, want reflect.Type) (int, error) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if fid, ok := thriftFieldID(f); ok && fid == id && f.IsExported() {
			if f.Type != want {
				return 0, fmt.Errorf("field %s.%s (id %d) has type %s, want %s", t.Name(), f.Name, id, f.Type, want)
			}
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s has no field with Thrift id %d (want one of type %s)", t.Name(), id, want)
}

// exceptionField is a declared exception of a method: a field of its result
// struct, other than success (id 0), whose type is a pointer implementing
// error, as thriftgo generates for `throws (1: SomeError err)`.
type exceptionField struct {
	index int
	typ   reflect.Type
}

var errorType = reflect.TypeFor[error]()

func exceptionFields(result reflect.Type) []exceptionField {
	var out []exceptionField
	for i := 0; i < result.NumField(); i++ {
		f := result.Field(i)
		id, ok := thriftFieldID(f)
		if !ok || id == 0 || !f.IsExported() {
			continue
		}
		if f.Type.Kind() == reflect.Pointer && f.Type.Implements(errorType) {
			out = append(out, exceptionField{index: i, typ: f.Type})
		}
	}
	return out
}

func structType[T any]() (reflect.Type, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", t)
	}
	return t, nil
}
