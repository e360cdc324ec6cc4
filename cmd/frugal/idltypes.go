package main

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/cloudwego/thriftgo/parser"
	"github.com/frugaljit/frugal/ir"
)

// idlTypes builds Go struct types for the structs of a parsed IDL, tagged
// as thriftgo's -g go:frugal_tag output is: struct fields are pointers,
// optional scalars are pointers, enums are int64.
type idlTypes struct {
	structs  map[string]*parser.StructLike
	enums    map[string]bool
	typedefs map[string]*parser.Type
	built    map[string]reflect.Type
	building map[string]bool
}

func newIDLTypes(t *parser.Thrift) *idlTypes {
	x := &idlTypes{structs: map[string]*parser.StructLike{}, enums: map[string]bool{},
		typedefs: map[string]*parser.Type{}, built: map[string]reflect.Type{}, building: map[string]bool{}}
	for file := range t.DepthFirstSearch() { // the file and those it includes
		for _, s := range file.GetStructLikes() {
			x.structs[s.Name] = s
		}
		for _, e := range file.Enums {
			x.enums[e.Name] = true
		}
		for _, td := range file.Typedefs {
			x.typedefs[td.Alias] = td.Type
		}
	}
	return x
}

// structType returns the Go type of the named struct.
func (x *idlTypes) structType(name string) (reflect.Type, error) {
	if t := x.built[name]; t != nil {
		return t, nil
	}
	s := x.structs[name]
	if s == nil {
		return nil, fmt.Errorf("no struct %q in the IDL", name)
	}
	if x.building[name] {
		return nil, fmt.Errorf("struct %s is recursive, which reflect.StructOf cannot build: explain it from a Go package instead", name)
	}
	x.building[name] = true
	defer delete(x.building, name)
	var fields []reflect.StructField
	for _, f := range s.Fields {
		gt, expr, err := x.goType(f.Type, true)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f.Name, err)
		}
		req := "default"
		switch f.Requiredness {
		case parser.FieldType_Required:
			req = "required"
		case parser.FieldType_Optional:
			req = "optional"
			if gt.Kind() != reflect.Pointer && gt.Kind() != reflect.Slice && gt.Kind() != reflect.Map {
				gt = reflect.PointerTo(gt)
			}
		}
		fields = append(fields, reflect.StructField{
			Name: exported(f.Name),
			Type: gt,
			Tag:  reflect.StructTag(fmt.Sprintf(`frugal:"%d,%s,%s"`, f.ID, req, expr)),
		})
	}
	t := reflect.StructOf(fields)
	ir.SetTypeName(t, name)
	x.built[name] = t
	return t, nil
}

// goType returns the Go type and the tag type expression of an IDL type.
func (x *idlTypes) goType(t *parser.Type, top bool) (reflect.Type, string, error) {
	switch t.Name {
	case "bool":
		return reflect.TypeOf(false), "bool", nil
	case "byte", "i8":
		return reflect.TypeOf(int8(0)), t.Name, nil
	case "i16":
		return reflect.TypeOf(int16(0)), "i16", nil
	case "i32":
		return reflect.TypeOf(int32(0)), "i32", nil
	case "i64":
		return reflect.TypeOf(int64(0)), "i64", nil
	case "double":
		return reflect.TypeOf(float64(0)), "double", nil
	case "string":
		return reflect.TypeOf(""), "string", nil
	case "binary":
		return reflect.TypeOf([]byte(nil)), "binary", nil
	case "list", "set":
		et, ee, err := x.goType(t.ValueType, false)
		if err != nil {
			return nil, "", err
		}
		return reflect.SliceOf(et), t.Name + "<" + ee + ">", nil
	case "map":
		kt, ke, err := x.goType(t.KeyType, false)
		if err != nil {
			return nil, "", err
		}
		vt, ve, err := x.goType(t.ValueType, false)
		if err != nil {
			return nil, "", err
		}
		return reflect.MapOf(kt, vt), "map<" + ke + ":" + ve + ">", nil
	}
	name := t.Name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // a type from an included file
	}
	if td := x.typedefs[name]; td != nil {
		return x.goType(td, top)
	}
	if x.enums[name] {
		return reflect.TypeOf(int64(0)), name, nil
	}
	st, err := x.structType(name)
	if err != nil {
		return nil, "", err
	}
	return reflect.PointerTo(st), name, nil
}

func exported(name string) string {
	if name == "" {
		return "F"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	if !unicode.IsLetter(r[0]) {
		return "F" + string(r)
	}
	return string(r)
}
