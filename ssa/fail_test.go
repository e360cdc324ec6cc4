package ssa

import (
	"reflect"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// A program's failures with the same error share one template: the templates live as long as the code, and a struct has many
// bounds checks per field.
func TestFailTemplatesShared(t *testing.T) {
	for _, v := range []any{&testtypes.Simple{}, &testtypes.Nesting2{}} {
		d, err := ir.Resolve(reflect.TypeOf(v))
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []ir.Mode{ir.ModeEncode, ir.ModeDecode} {
			f := build(t, d, mode)
			byKey := map[wire.Error]*wire.Error{}
			sites := 0
			for _, b := range f.Blocks {
				for _, v := range b.Values {
					e, ok := v.Aux.(*wire.Error)
					if v.Op != OpExit || ExitKind(v.AuxInt) != ExitFail || !ok {
						continue
					}
					sites++
					if other := byKey[*e]; other != nil && other != e {
						t.Errorf("%s: two templates for %v", f.Name, e)
					}
					byKey[*e] = e
				}
			}
			if sites <= len(byKey) {
				t.Errorf("%s: %d failure sites, %d templates: the test shows nothing", f.Name, sites, len(byKey))
			}
		}
	}
}
