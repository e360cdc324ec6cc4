package main

import (
	"bytes"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/cloudwego/thriftgo/parser"
	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/jit"
	"github.com/frugaljit/frugal/ssa"
)

func TestExplain(t *testing.T) {
	var out bytes.Buffer
	if err := explain(&out, []string{"-mode", "encode", "-passes", "testdata/baseline.thrift", "Nesting"}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	wants := []string{"== schema\nstruct Nesting (", "  2: default list<*Simple> ListSimple @16",
		"== ir\nencode Nesting (inline depth 5)", "write_list_header @16 struct", "== ssa\nfunc encode Nesting("}
	for _, name := range ssa.PassNames() {
		wants = append(wants, "== ssa after "+name+"\n")
	}
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("explain output lacks %q", want)
		}
	}
	out.Reset()
	if err := explain(&out, []string{"-mode", "decode", "-inline", "0", "testdata/extras.thrift", "Extras"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "call @0 Simple") || !strings.Contains(out.String(), "4: optional map<string:Enums> ByName") {
		t.Errorf("extras at inline depth 0:\n%s", out.String())
	}
	for _, bad := range [][]string{{"testdata/baseline.thrift"}, {"-mode", "x", "testdata/baseline.thrift", "Simple"}, {"testdata/baseline.thrift", "Nope"}} {
		if err := explain(&out, bad); err == nil {
			t.Errorf("explain %q succeeded", bad)
		}
	}
}

// The types built from the IDL encode like thriftgo's: the same bytes as the
// hand-written mirror of baseline.Simple.
func TestIDLTypesEncodeLikeGenerated(t *testing.T) {
	tree, err := parser.ParseFile("testdata/baseline.thrift", nil, true)
	if err != nil {
		t.Fatal(err)
	}
	st, err := newIDLTypes(tree).structType("Simple")
	if err != nil {
		t.Fatal(err)
	}
	want := testtypes.NewSimple()
	v := reflect.New(st)
	for i := 0; i < st.NumField(); i++ {
		v.Elem().Field(i).Set(reflect.ValueOf(want).Elem().Field(i).Convert(st.Field(i).Type))
	}
	got := make([]byte, frugal.EncodedSize(v.Interface()))
	if _, err := frugal.EncodeObject(got, nil, v.Interface()); err != nil {
		t.Fatal(err)
	}
	exp := make([]byte, frugal.EncodedSize(want))
	if _, err := frugal.EncodeObject(exp, nil, want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, exp) {
		t.Fatal("the IDL-built Simple encodes differently")
	}
}

// -asm prints the jit's machine code, which decodes instruction by
// instruction, and its exit sites.
func TestExplainAsm(t *testing.T) {
	var out bytes.Buffer
	err := explain(&out, []string{"-asm", "-mode", "decode", "testdata/baseline.thrift", "Nesting"})
	if runtime.GOARCH != "amd64" {
		if !errors.Is(err, jit.ErrUnsupported) {
			t.Fatalf("-asm on %s: %v, want ErrUnsupported", runtime.GOARCH, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== amd64: ", "0x000000  mov r15, rdi", "  ret\n", "== exit sites", "NewBatch, 1 arguments", "MapInsert, 2 arguments"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-asm output lacks %q", want)
		}
	}
}
