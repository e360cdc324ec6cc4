package conformance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"
)

// TestTypesComplete checks that Types lists every struct type under gen/.
func TestTypesComplete(t *testing.T) {
	listed := map[string]bool{}
	for _, typ := range Types {
		listed[filepath.Base(typ.PkgPath())+"."+typ.Name()] = true
	}
	files, err := filepath.Glob("gen/*/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files found: %v", err)
	}
	found := 0
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				if _, isStruct := ts.Type.(*ast.StructType); !isStruct || ts.Assign.IsValid() {
					continue
				}
				found++
				if full := f.Name.Name + "." + ts.Name.Name; !listed[full] {
					t.Errorf("struct %s (in %s) is missing from Types", full, name)
				}
			}
		}
	}
	if found != len(Types) {
		t.Errorf("found %d generated struct types, Types lists %d", found, len(Types))
	}
}
