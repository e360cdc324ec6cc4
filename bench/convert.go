package bench

import (
	"fmt"
	"reflect"
)

// target is a contender's generated type for one IDL struct: the pointer
// type its values have, and a function that returns a new zero one.
type target struct {
	typ reflect.Type
	new func() any
}

// targetOf is the target for the struct type T. Its new function is
// new(T), as cheap as the shared messages' own, so that the struct a
// decode benchmark allocates per call costs every contender the same
// (reflect.New and Value.Interface would cost a few nanoseconds more).
func targetOf[T any]() target {
	return target{reflect.TypeFor[*T](), func() any { return new(T) }}
}

// adaptTo returns an Adapt function for a contender whose generated types
// live in another package: Value and Source are deep-copied into those types.
// types maps each message's shared type (a pointer to a gen/ struct) to the
// contender's type for the same IDL struct.
func adaptTo(types map[reflect.Type]target) func(m Message) Message {
	return func(m Message) Message {
		to := func(v any) (any, target) {
			src := reflect.ValueOf(v)
			dst, ok := types[src.Type()]
			if !ok {
				panic(fmt.Sprintf("%s: no generated type for %s", m.Name, src.Type()))
			}
			return convert(dst.typ, src).Interface(), dst
		}
		value, dst := to(m.Value)
		out := Message{Name: m.Name, Value: value, New: dst.new}
		if m.Source != nil {
			out.Source, _ = to(m.Source)
		}
		return out
	}
}

// convert deep-copies src into a new value of type dst, where both types are
// generated from the same IDL by different generators: structs match fields
// by Go name (every field of dst must exist in src), enums and other named
// scalars convert by kind. It panics on a shape mismatch, a bug in the
// generated code's assumptions rather than in a codec.
func convert(dst reflect.Type, src reflect.Value) reflect.Value {
	out := reflect.New(dst).Elem()
	switch dst.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			out.Set(convert(dst.Elem(), src.Elem()).Addr())
		}
	case reflect.Struct:
		if src.NumField() != dst.NumField() {
			panic(fmt.Sprintf("convert %s to %s: field counts differ", src.Type(), dst))
		}
		for i := 0; i < dst.NumField(); i++ {
			f := dst.Field(i)
			sf := src.FieldByName(f.Name)
			if !sf.IsValid() {
				panic(fmt.Sprintf("convert %s to %s: no field %s", src.Type(), dst, f.Name))
			}
			out.Field(i).Set(convert(f.Type, sf))
		}
	case reflect.Slice:
		if !src.IsNil() {
			out.Set(reflect.MakeSlice(dst, src.Len(), src.Len()))
			for i := 0; i < src.Len(); i++ {
				out.Index(i).Set(convert(dst.Elem(), src.Index(i)))
			}
		}
	case reflect.Map:
		if !src.IsNil() {
			out.Set(reflect.MakeMapWithSize(dst, src.Len()))
			for it := src.MapRange(); it.Next(); {
				out.SetMapIndex(convert(dst.Key(), it.Key()), convert(dst.Elem(), it.Value()))
			}
		}
	default:
		if src.Kind() != dst.Kind() {
			panic(fmt.Sprintf("convert %s to %s: kinds differ", src.Type(), dst))
		}
		out.Set(src.Convert(dst))
	}
	return out
}
