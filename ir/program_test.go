package ir_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
)

func lower(t *testing.T, v any, mode ir.Mode, depth int) *ir.Program {
	t.Helper()
	d, err := ir.Resolve(reflect.TypeOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return ir.Lower(d, mode, depth)
}

func TestLowerSimple(t *testing.T) {
	golden := map[ir.Mode]string{
		ir.ModeSize: `size testtypes.Simple (inline depth 5)
  size_const 41
  size_const 3
  size_bytes @32
  size_const 3
  size_bytes @48
`,
		ir.ModeEncode: `encode testtypes.Simple (inline depth 5)
  write_header byte #1
  write_fixed @0 i8
  write_header i64 #2
  write_fixed @8 i64
  write_header double #3
  write_fixed @16 double
  write_header i32 #4
  write_fixed @24 i32
  write_header string #5
  write_bytes @32
  write_header string #6
  write_bytes @48
  write_header i32 #7
  write_fixed @72 Enums
  write_stop
`,
		ir.ModeDecode: `decode testtypes.Simple (inline depth 5)
  read_fields
    case #1 byte ByteField
      read_fixed @0 i8
    case #2 i64 I64Field
      read_fixed @8 i64
    case #3 double DoubleField
      read_fixed @16 double
    case #4 i32 I32Field
      read_fixed @24 i32
    case #5 string StringField
      read_bytes @32
    case #6 string BinaryField
      read_bytes @48
    case #7 i32 EnumField
      read_fixed @72 Enums
`,
	}
	for mode, want := range golden {
		if got := lower(t, &testtypes.Simple{}, mode, -1).String(); got != want {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", mode, got, want)
		}
	}
}

func TestLowerNestingShapes(t *testing.T) {
	p := lower(t, &testtypes.Nesting{}, ir.ModeEncode, -1)
	text := p.String()
	for _, want := range []string{
		"write_list_header @16 struct\n  each @16 stride 8\n    deref @0\n      write_header byte #1",
		"write_map_header @88 map<string:string>\n  map_each @88 map<string:string>\n  key:\n    write_bytes @0\n  value:\n    write_bytes @0",
		"deref @96 SimpleStruct\n    write_header struct #8",
		"  else:\n    write_header struct #8\n    write_stop",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Nesting encode lacks\n%s\nin\n%s", want, text)
		}
	}
	if len(p.Callees) != 0 {
		t.Errorf("Nesting calls %d structs at the default depth", len(p.Callees))
	}
}

// Inline depth and recursion turn nested structs into calls.
func TestLowerCalls(t *testing.T) {
	p := lower(t, &testtypes.Nesting2{}, ir.ModeDecode, 1)
	var names []string
	for _, c := range p.Callees {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "testtypes.Simple" {
		t.Errorf("Nesting2 at depth 1 calls %v, want Simple (inside the inlined Nesting)", names)
	}
	p = lower(t, &testtypes.Nesting2{}, ir.ModeEncode, 0)
	if len(p.Callees) != 2 {
		t.Errorf("Nesting2 at depth 0 calls %d structs, want 2", len(p.Callees))
	}
	p = lower(t, &testtypes.Everything{}, ir.ModeSize, -1)
	if len(p.Callees) != 1 || p.Callees[0] != p.Struct {
		t.Errorf("Everything's recursion does not call itself: %v", p.Callees)
	}
	if c := p.Count(); c[ir.OpCall] != 1 {
		t.Errorf("Everything size has %d calls", c[ir.OpCall])
	}
}

// Every mode lowers every kind, and the pieces the schema says exist are
// there: omission checks, required checks, unknown fields.
func TestLowerEverything(t *testing.T) {
	enc := lower(t, &testtypes.Everything{}, ir.ModeEncode, -1).Count()
	dec := lower(t, &testtypes.Everything{}, ir.ModeDecode, -1).Count()
	size := lower(t, &testtypes.Everything{}, ir.ModeSize, -1).Count()
	checks := []struct {
		name      string
		got, want int
	}{
		{"encode if_set (OptBinary, OptList, OptMap, DefI32, DefString)", enc[ir.OpIfSet], 5},
		{"encode fail_nil (required pointers)", enc[ir.OpFailNil], 1},
		{"encode write_unknown", enc[ir.OpWriteUnknown], 1},
		{"decode check_required", dec[ir.OpCheckRequired], 1},
		{"decode keep_unknown", dec[ir.OpKeepUnknown], 1},
		{"decode reset_struct (Inline, ListInline, MapValueStruct)", dec[ir.OpResetStruct], 3},
		{"size_unknown", size[ir.OpSizeUnknown], 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}

func TestSchemaString(t *testing.T) {
	d, err := ir.Resolve(reflect.TypeOf(testtypes.Everything{}))
	if err != nil {
		t.Fatal(err)
	}
	text := d.String()
	for _, want := range []string{"struct testtypes.Everything (", "  17: required *Simple ReqStruct @", "  44: optional string DefString @",
		"(omitted at its default)", "  40: default string NoCopyString @", " nocopy", "unknown fields kept @", "defaults from InitDefault"} {
		if !strings.Contains(text, want) {
			t.Errorf("schema lacks %q:\n%s", want, text)
		}
	}
}
