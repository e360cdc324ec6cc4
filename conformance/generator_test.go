package conformance

import (
	"reflect"
	"testing"
)

// TestGeneratorWithApache checks the test harness without the library: the
// generator is deterministic, and every generated value encodes with Apache
// into bytes that Apache decodes and Canonical parses. (Encode-decode is not
// the identity: Apache writes a nil default-requiredness struct as an empty
// struct, which decodes as a non-nil struct with nil binaries, and so on.)
func TestGeneratorWithApache(t *testing.T) {
	for ti, typ := range Types {
		for i := 0; i < 40; i++ {
			v := NewGen(valueSeed(ti, i)).Struct(typ)
			if Diff(v, NewGen(valueSeed(ti, i)).Struct(typ)) != "" {
				t.Fatalf("%s: generator is not deterministic", typ)
			}
			b, err := ApacheEncode(v.(ApacheStruct))
			if err != nil {
				t.Fatalf("%s value %d: Apache encode: %v", typ, i, err)
			}
			back := NewTarget(typ)
			if err := ApacheDecode(b, back.(ApacheStruct)); err != nil {
				t.Fatalf("%s value %d: Apache decode: %v", typ, i, err)
			}
			if _, _, err := Canonical(b); err != nil {
				t.Fatalf("%s value %d: Canonical rejects Apache's bytes: %v", typ, i, err)
			}
		}
	}
}

// TestGeneratorCoverage checks that the generator produces the cases it
// promises: nil and non-nil optional fields, nil, empty and non-empty
// slices and maps.
func TestGeneratorCoverage(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		v := reflect.ValueOf(NewGen(uint64(i)).Struct(reflect.TypeFor[struct {
			P *int32            `frugal:"1,optional,i32"`
			S []string          `frugal:"2,default,list<string>"`
			M map[int32]float64 `frugal:"3,default,map<i32:double>"`
		}]())).Elem()
		seen[map[bool]string{true: "nil ptr", false: "ptr"}[v.Field(0).IsNil()]] = true
		for _, f := range []reflect.Value{v.Field(1), v.Field(2)} {
			switch {
			case f.IsNil():
				seen["nil "+f.Kind().String()] = true
			case f.Len() == 0:
				seen["empty "+f.Kind().String()] = true
			default:
				seen["full "+f.Kind().String()] = true
			}
		}
	}
	for _, want := range []string{"nil ptr", "ptr", "nil slice", "empty slice", "full slice", "nil map", "empty map", "full map"} {
		if !seen[want] {
			t.Errorf("generator never produced a %s", want)
		}
	}
}
