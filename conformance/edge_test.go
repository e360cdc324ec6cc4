package conformance

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/conformance/gen/baseline"
	"github.com/frugaljit/frugal/conformance/gen/everything"
)

// checkAll runs Check on each value and reports failures by name.
func checkAll(t *testing.T, cases map[string]any) {
	t.Helper()
	for name, v := range cases {
		if msg := Check(reflect.TypeOf(v).Elem(), v); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// TestNilPointersApacheWritesAsEmpty covers nil struct pointers where Apache
// writes an empty struct (thriftgo's Write accepts a nil receiver): default
// struct fields, list elements and map values; and nil containers and
// binaries of default requiredness, which Apache writes as empty.
func TestNilPointersApacheWritesAsEmpty(t *testing.T) {
	checkAll(t, map[string]any{
		"Default{} (all nil)":          &everything.Default{},
		"Scalars{} (nil binary)":       &everything.Scalars{},
		"Nesting{} (all nil)":          &baseline.Nesting{},
		"Nesting2{} (all nil)":         &baseline.Nesting2{},
		"nil element in list<Scalars>": &everything.Containers{ListStruct: []*everything.Scalars{nil, {I32: 1}}},
		"nil element in nested list":   &everything.Containers{MapStringListStruct: map[string][]*everything.Scalars{"k": {nil}}},
		"nil map value (Simple)":       &baseline.Nesting{MapStringSimple: map[string]*baseline.Simple{"k": nil}},
		"nil element in list<Empty>":   &everything.Holder{Empties: []*everything.Empty{nil}, ReqEmpty: &everything.Empty{}},
		"nil list in list<list<...>>":  &everything.Containers{ListListBinary: [][][]byte{nil, {nil, {}}}},
		"nil required containers": &everything.Required{Struct: &everything.Scalars{},
			Empty: &everything.Empty{}},
	})
}

// TestDefaultValues covers fields with IDL default values: optional fields
// equal to their default are not written by Apache (thriftgo's IsSet
// compares with the default), and nested structs decode with their
// defaults initialised (thriftgo's Read allocates them with NewT).
func TestDefaultValues(t *testing.T) {
	od := everything.NewOptionalDefaults()
	changed := everything.NewOptionalDefaults()
	changed.Bool, changed.I32, changed.Double, changed.String_ = false, 0, math.Copysign(0, -1), ""
	checkAll(t, map[string]any{
		"NewDefaults()":              everything.NewDefaults(),
		"NewOptionalDefaults()":      od,
		"OptionalDefaults changed":   changed,
		"OptionalDefaults zero":      &everything.OptionalDefaults{},
		"Defaults zero":              &everything.Defaults{},
		"Nested with defaults":       &everything.Nested{Defaults: everything.NewDefaults(), List: []*everything.OptionalDefaults{od, changed}, Opt: od},
		"Nested with zero structs":   &everything.Nested{Defaults: &everything.Defaults{}, List: []*everything.OptionalDefaults{{}}, Map: map[string]*everything.Defaults{"": {}}},
		"Nested with nil Defaults":   &everything.Nested{},
		"Typedefs with default enum": &everything.Typedefs{ReqInt: -1, Struct: &everything.ScalarsAlias{}},
	})
}

// TestEmptyStructs covers structs without fields, alone and nested.
func TestEmptyStructs(t *testing.T) {
	e := &everything.Empty{}
	checkAll(t, map[string]any{
		"Empty":      e,
		"Holder":     &everything.Holder{Empty: e, OptEmpty: e, Empties: []*everything.Empty{e, e}, ReqEmpty: e},
		"Containers": &everything.Containers{ListEmpty: []*everything.Empty{e}, MapEmpty: map[int64]*everything.Empty{math.MinInt64: e}, MapEmptyEmpty: map[*everything.Empty]*everything.Empty{e: e}},
	})
}

// TestDeepRecursion checks recursive values deeper than the random generator
// makes them, but within Apache's skip limit of 64 nested structs and
// containers (Check also skips them all): a 40-node linked list, a 25-level
// tree (50 levels of structs and lists) and 25 MutualA-MutualB pairs.
func TestDeepRecursion(t *testing.T) {
	var list *everything.ListNode
	var tree *everything.Tree
	var mutual *everything.MutualA
	for i := 0; i < 40; i++ {
		list = &everything.ListNode{Value: int32(i), Next: list}
	}
	for i := 0; i < 25; i++ {
		next := &everything.Tree{Label: strings.Repeat("x", i), Children: []*everything.Tree{{Label: "leaf"}}}
		if tree != nil {
			next.Children = append(next.Children, tree)
		}
		tree = next
		mutual = &everything.MutualA{ID: int64(i), B: &everything.MutualB{Name: "b", A: mutual}}
	}
	checkAll(t, map[string]any{"ListNode x40": list, "Tree x25": tree, "MutualA/B x25": mutual})
}

// TestExtremeScalars covers the limits of every scalar type.
func TestExtremeScalars(t *testing.T) {
	checkAll(t, map[string]any{
		"max": &everything.Scalars{Bool: true, Byte: math.MaxInt8, I8: math.MaxInt8, I16: math.MaxInt16, I32: math.MaxInt32,
			I64: math.MaxInt64, Double: math.MaxFloat64, String_: "\xff\x00😀", Binary: []byte{0xff}, Color: everything.Color_Max},
		"min": &everything.Scalars{Byte: math.MinInt8, I8: math.MinInt8, I16: math.MinInt16, I32: math.MinInt32,
			I64: math.MinInt64, Double: math.Inf(-1), Color: everything.Color_Negative},
		"NaN and undefined enum": &everything.Scalars{Double: math.NaN(), Color: everything.Color(math.MinInt32)},
		"long string":            &everything.Scalars{String_: strings.Repeat("世界", 5000), Binary: make([]byte, 70000)},
	})
}
