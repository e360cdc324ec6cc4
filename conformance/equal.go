package conformance

import (
	"fmt"
	"math"
	"reflect"
)

// Diff compares two values like reflect.DeepEqual and describes the first
// difference, or returns "" when they are equal. It differs from DeepEqual in
// two ways, both needed to compare two independently decoded values:
// floats compare by their bits (so NaN equals the same NaN and -0 differs
// from +0), and maps with pointer keys (thriftgo's map<Struct,...>) match
// entries by the pointed-to key values instead of by pointer identity. Like
// DeepEqual, a nil slice or map differs from an empty one.
func Diff(a, b any) string {
	return diff(reflect.ValueOf(a), reflect.ValueOf(b), "v")
}

func diff(a, b reflect.Value, path string) string {
	if a.IsValid() != b.IsValid() {
		return fmt.Sprintf("%s: one side is invalid", path)
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: type %s != %s", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil=%v != nil=%v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return diff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := diff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil=%v (len %d) != nil=%v (len %d)", path, a.IsNil(), a.Len(), b.IsNil(), b.Len())
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: len %d != %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := diff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		return diffMap(a, b, path)
	case reflect.Float32, reflect.Float64:
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) {
			return fmt.Sprintf("%s: %v (%#x) != %v (%#x)", path, a.Float(), math.Float64bits(a.Float()), b.Float(), math.Float64bits(b.Float()))
		}
		return ""
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.String:
		if a.Interface() != b.Interface() {
			return fmt.Sprintf("%s: %#v != %#v", path, a.Interface(), b.Interface())
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %#v != %#v", path, a.Interface(), b.Interface())
	}
	return ""
}

func diffMap(a, b reflect.Value, path string) string {
	if a.IsNil() != b.IsNil() {
		return fmt.Sprintf("%s: nil=%v (len %d) != nil=%v (len %d)", path, a.IsNil(), a.Len(), b.IsNil(), b.Len())
	}
	if a.Len() != b.Len() {
		return fmt.Sprintf("%s: len %d != %d", path, a.Len(), b.Len())
	}
	if a.Type().Key().Kind() != reflect.Pointer {
		iter := a.MapRange()
		for iter.Next() {
			k := iter.Key()
			bv := b.MapIndex(k)
			p := fmt.Sprintf("%s[%#v]", path, k.Interface())
			if !bv.IsValid() {
				return p + ": key missing on the right"
			}
			if d := diff(iter.Value(), bv, p); d != "" {
				return d
			}
		}
		return ""
	}
	// Pointer keys: match each left entry with an unused equal right entry.
	used := make([]bool, b.Len())
	bKeys := b.MapKeys()
	iter := a.MapRange()
	for iter.Next() {
		found := false
		for j, bk := range bKeys {
			if used[j] || diff(iter.Key(), bk, "") != "" || diff(iter.Value(), b.MapIndex(bk), "") != "" {
				continue
			}
			used[j], found = true, true
			break
		}
		if !found {
			return fmt.Sprintf("%s[%+v]: no equal entry on the right", path, iter.Key().Elem().Interface())
		}
	}
	return ""
}
