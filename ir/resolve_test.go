package ir_test

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/ir"
)

func resolve(t *testing.T, v any) *ir.StructDesc {
	t.Helper()
	d, err := ir.Resolve(reflect.TypeOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestResolveEverything(t *testing.T) {
	d := resolve(t, &testtypes.Everything{})
	want := map[string]string{
		"Bool": "bool", "Byte": "i8", "Enum": "Enums", "Color": "Color", "OptI32": "*i32",
		"OptStruct": "*Simple", "ListBinary": "list<binary>", "SetI64": "set<i64>",
		"ListMap":         "list<map<string:list<i64>>>",
		"MapStructStruct": "map<*Simple:*Simple>", "MapValueStruct": "map<string:Simple>",
		"Int": "i64", "ThriftTagged": "i32", "ThriftOpt": "*string", "ThriftMap": "map<string:i64>",
		"NegativeID": "i16", "Next": "*Everything",
	}
	seen := map[string]bool{}
	for i := range d.Fields {
		f := &d.Fields[i]
		seen[f.Name] = true
		if w, ok := want[f.Name]; ok && f.Type.String() != w {
			t.Errorf("%s: type %s, want %s", f.Name, f.Type, w)
		}
	}
	if seen["Untagged"] || seen["_unknownFields"] || len(d.Fields) != 50 {
		t.Errorf("%d serialized fields (untagged: %v)", len(d.Fields), seen["Untagged"])
	}
	if d.UnknownFields < 0 || d.InitDefault == nil {
		t.Error("missed _unknownFields or InitDefault")
	}
	if d.FieldByID(45).Type.Struct != d {
		t.Error("recursive field does not share the descriptor")
	}
	if f := d.FieldByID(-3); f == nil || f.Name != "NegativeID" {
		t.Error("negative id not found")
	}
	if f := d.FieldByID(32000); f == nil || f.Name != "LargeID" {
		t.Error("large id not found")
	}
	if d.FieldByID(99) != nil || d.FieldByID(31999) != nil {
		t.Error("found a field that does not exist")
	}
	f43 := d.FieldByID(43)
	if f43.Omit != ir.OmitAtDefault || !f43.HasDefault || *(*int32)(f43.Default) != 7 {
		t.Errorf("DefI32: omit %d, default %v", f43.Omit, f43.HasDefault)
	}
	if d.FieldByID(14).Omit != ir.OmitNil || d.FieldByID(1).Omit != ir.OmitNever {
		t.Error("wrong omission rules")
	}
	if len(d.Required) != 2 {
		t.Errorf("%d required fields, want 2", len(d.Required))
	}
}

func TestResolveCaches(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*ir.StructDesc, 8)
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got[i], _ = ir.Resolve(reflect.TypeOf(testtypes.Nesting2{}))
		}(i)
	}
	wg.Wait()
	for _, d := range got {
		if d != got[0] || d == nil {
			t.Fatal("Resolve returned different descriptors for one type")
		}
	}
	if d := resolve(t, &testtypes.Nesting2{}); d != got[0] {
		t.Fatal("pointer and struct types resolve differently")
	}
}

// Schema errors say where, what, and what to write instead.
func TestSchemaErrors(t *testing.T) {
	type (
		unsigned struct {
			A uint32 `frugal:"1,default,i32"`
		}
		mismatch struct {
			A []int64 `frugal:"1,default,list<i32>"`
		}
		ambiguous struct {
			A []int64 `thrift:"A,1"`
		}
		dupID struct {
			A int32 `frugal:"1,default,i32"`
			B int32 `frugal:"1,default,i32"`
		}
		badReq struct {
			A int32 `frugal:"1,sometimes,i32"`
		}
		ptrScalar struct {
			A *int32 `frugal:"1,default,i32"`
		}
		badOption struct {
			A string `frugal:"1,default,string,zerocopy"`
		}
		nocopyInt struct {
			A int32 `frugal:"1,default,i32,nocopy"`
		}
		badSyntax struct {
			A map[int32]int64 `frugal:"1,default,map<i32:i64"`
		}
		float32Field struct {
			A float32 `frugal:"1,default,double"`
		}
		array struct {
			A [4]byte `frugal:"1,default,binary"`
		}
		nested struct {
			B *badReq `frugal:"1,default,badReq"`
		}
		ptrElem struct {
			A []*int32 `frugal:"1,default,list<i32>"`
		}
		badID struct {
			A int32 `frugal:"x,default,i32"`
		}
		structKeyword struct {
			A testtypes.Simple `frugal:"1,default,i32"`
		}
	)
	cases := []struct {
		v    any
		path string
		text string
	}{
		{unsigned{}, "ir_test.unsigned.A", "use int8, int16, int32 or int64"},
		{mismatch{}, "ir_test.mismatch.A", `does not fit Go type int64`},
		{ambiguous{}, "ir_test.ambiguous.A", "may be a list or a set"},
		{dupID{}, "ir_test.dupID.B", "used by A too"},
		{badReq{}, "ir_test.badReq.A", "requiredness"},
		{ptrScalar{}, "ir_test.ptrScalar.A", "make the field optional"},
		{badOption{}, "ir_test.badOption.A", `unknown tag option "zerocopy"`},
		{nocopyInt{}, "ir_test.nocopyInt.A", "nocopy"},
		{badSyntax{}, "ir_test.badSyntax.A", "expected"},
		{float32Field{}, "ir_test.float32Field.A", "use float64"},
		{array{}, "ir_test.array.A", "use a slice"},
		{nested{}, "ir_test.badReq.A", "requiredness"},
		{ptrElem{}, "ir_test.ptrElem.A", "only struct elements may be pointers"},
		{badID{}, "ir_test.badID.A", "field id"},
		{structKeyword{}, "ir_test.structKeyword.A", "does not fit"},
		{3, "int", "not a struct"},
	}
	for _, c := range cases {
		_, err := ir.Resolve(reflect.TypeOf(c.v))
		var se *ir.SchemaError
		if !errors.As(err, &se) || !errors.Is(err, ir.ErrInvalidSchema) {
			t.Errorf("%T: got %v, want a SchemaError", c.v, err)
			continue
		}
		if se.Path != c.path || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%T: got %q at %q, want %q at %q", c.v, err, se.Path, c.text, c.path)
		}
	}
}

// emptyDefaults has an InitDefault that sets nothing, as thriftgo writes
// for a struct without default values.
type emptyDefaults struct {
	A int32 `frugal:"1,default,i32"`
}

func (*emptyDefaults) InitDefault() {}

// TestNeedsInitDefault: a struct needs its InitDefault run only where the
// method sets something in a zero struct.
func TestNeedsInitDefault(t *testing.T) {
	for _, c := range []struct {
		v    any
		want bool
	}{
		{&testtypes.Everything{}, true}, // DefI32 and others have defaults
		{&emptyDefaults{}, false},
		{&testtypes.Simple{}, false}, // no InitDefault at all
	} {
		d := resolve(t, c.v)
		if got := d.NeedsInitDefault(); got != c.want {
			t.Errorf("%s: NeedsInitDefault %v, want %v (has InitDefault: %v)", d.Name, got, c.want, d.InitDefault != nil)
		}
	}
}
