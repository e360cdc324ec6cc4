package bench

import (
	"reflect"
	"testing"
)

// deepEqual is reflect.DeepEqual except that maps keyed by pointers (thriftgo
// generates map[*Simple]*Nesting for map<Simple, Nesting>) match their
// entries by the pointed-to values instead of by pointer identity, since two
// decodes never share pointers.
func deepEqual(a, b any) bool {
	return equalValue(reflect.ValueOf(a), reflect.ValueOf(b))
}

func equalValue(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() || (a.IsValid() && a.Type() != b.Type()) {
		return false
	}
	if !a.IsValid() {
		return true
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !equalValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equalValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		return equalMap(a, b)
	default:
		// Scalars, compared as reflect.DeepEqual does (on exported or
		// unexported fields alike).
		return reflect.DeepEqual(scalar(a), scalar(b))
	}
}

func equalMap(a, b reflect.Value) bool {
	if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
		return false
	}
	if a.Type().Key().Kind() != reflect.Pointer {
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !equalValue(it.Value(), bv) {
				return false
			}
		}
		return true
	}
	// Pointer keys: pair every entry of a with a distinct, equal entry of b.
	used := make(map[uintptr]bool, b.Len())
	for ia := a.MapRange(); ia.Next(); {
		found := false
		for ib := b.MapRange(); ib.Next(); {
			if !used[ib.Key().Pointer()] && equalValue(ia.Key(), ib.Key()) && equalValue(ia.Value(), ib.Value()) {
				used[ib.Key().Pointer()] = true
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// scalar returns v's value as an interface without needing v to be exported.
func scalar(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	}
	return v.Interface()
}

// sameValue compares a decoded value with the original. memmove's values are
// bytes whose order depends on the encoder (map iteration, Kitex's field
// order), so they are compared by what Apache Thrift decodes them to, in m's
// shared types.
func sameValue(t *testing.T, m Message, got, want any) bool {
	t.Helper()
	return deepEqual(canonical(t, m, got), canonical(t, m, want))
}

func canonical(t *testing.T, m Message, v any) any {
	t.Helper()
	r, ok := v.(*Raw)
	if !ok {
		return v
	}
	out, err := decode(apacheContender, m, r.Bytes)
	if err != nil {
		t.Errorf("%s: decoding memmove's bytes with Apache Thrift: %v", m.Name, err)
	}
	return out
}
