package testtypes

import (
	"math"
	"reflect"
)

// Equal is reflect.DeepEqual with two changes for decoded values: maps whose
// keys are pointers match keys by the values they point to (decoding makes
// new pointers), and doubles compare by bits (so NaN equals NaN, as keys
// too).
func Equal(a, b any) bool {
	return equal(reflect.ValueOf(a), reflect.ValueOf(b))
}

func equal(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() || a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equal(a.Elem(), b.Elem())
	case reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equal(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		return equalMaps(a, b)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !equal(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.String:
		return a.String() == b.String()
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

func equalMaps(a, b reflect.Value) bool {
	if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
		return false
	}
	// Pointer keys must be matched by what they point to, and float keys by
	// bits (a NaN key cannot be looked up); other keys by lookup.
	if k := a.Type().Key().Kind(); k != reflect.Pointer && k != reflect.Float64 {
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !equal(a.MapIndex(k), bv) {
				return false
			}
		}
		return true
	}
	type entry struct{ k, v reflect.Value }
	var bs []entry
	for it := b.MapRange(); it.Next(); {
		bs = append(bs, entry{it.Key(), it.Value()})
	}
	used := make([]bool, len(bs))
	for it := a.MapRange(); it.Next(); {
		found := false
		for j, e := range bs {
			if !used[j] && equal(it.Key(), e.k) && equal(it.Value(), e.v) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
