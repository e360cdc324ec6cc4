package fuzz

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
)

// kind is the Thrift type of a schema node.
type kind int

const (
	kBool kind = iota
	kByte
	kI16
	kI32
	kI64
	kDouble
	kString
	kBinary
	kEnum
	kList
	kSet
	kMap
	kStruct
)

// node is one type of a generated schema: its Thrift kind and Go type, and
// how a frugal tag spells it.
type node struct {
	kind      kind
	goT       reflect.Type // as stored: *S for a struct pointer
	expr      string       // tag type expression of a struct or enum (a name); others are derived
	ptr       bool         // a struct reached through a pointer
	elem, key *node
	st        *structNode
}

// structNode is a struct of a generated schema.
type structNode struct {
	goT    reflect.Type
	name   string
	fields []fieldNode
}

// fieldNode is one serialized field of a struct node.
type fieldNode struct {
	index  int // Go field index
	id     int16
	req    string // default, required or optional
	t      *node
	optPtr bool // an optional scalar or string held through a pointer
}

var scalarGo = map[kind]reflect.Type{
	kBool: reflect.TypeFor[bool](), kByte: reflect.TypeFor[int8](), kI16: reflect.TypeFor[int16](),
	kI32: reflect.TypeFor[int32](), kI64: reflect.TypeFor[int64](), kDouble: reflect.TypeFor[float64](),
	kString: reflect.TypeFor[string](), kBinary: reflect.TypeFor[[]byte](),
}

var scalarExpr = map[kind]string{
	kBool: "bool", kByte: "byte", kI16: "i16", kI32: "i32", kI64: "i64", kDouble: "double", kString: "string", kBinary: "binary",
}

func scalarNode(k kind) *node { return &node{kind: k, goT: scalarGo[k]} }

// typeExpr spells n in a frugal tag.
func (n *node) typeExpr() string {
	switch n.kind {
	case kList:
		return "list<" + n.elem.typeExpr() + ">"
	case kSet:
		return "set<" + n.elem.typeExpr() + ">"
	case kMap:
		return "map<" + n.key.typeExpr() + ":" + n.elem.typeExpr() + ">"
	case kStruct, kEnum:
		return n.expr
	}
	if n.expr != "" {
		return n.expr // i8 for byte, binary for a string, string for a binary
	}
	return scalarExpr[n.kind]
}

// inferable reports whether a thrift tag (whose type comes from the Go
// type) describes n: not an enum, no slices but []byte.
func (n *node) inferable() bool {
	switch n.kind {
	case kEnum, kList, kSet:
		return false
	case kMap:
		return n.key.inferable() && n.elem.inferable()
	case kString, kBinary:
		return n.expr == ""
	}
	return true
}

// schemaSpace bounds the number of distinct schemas: reflect.StructOf's
// types and the codec's caches are never freed, so a long run must keep
// meeting the same thousand types: with the interpreter's programs a schema
// costs about 300 KB for good (see README.md).
const schemaSpace = 1 << 10

// schemaGen draws a random schema from a seed.
type schemaGen struct {
	r       *rand.Rand
	structs int // nested struct types made so far
	rec     []*node
}

// genSchema returns the fields of the top-level struct of schema key (a
// marker field is prepended per engine) and their schema nodes.
func genSchema(key int) ([]reflect.StructField, []fieldNode) {
	g := &schemaGen{r: rand.New(rand.NewSource(int64(key))), rec: recursiveNodes()}
	return g.fields(1+g.r.Intn(8), 0)
}

func (g *schemaGen) fields(n, depth int) ([]reflect.StructField, []fieldNode) {
	var sfs []reflect.StructField
	var fns []fieldNode
	used := map[int16]bool{}
	for i := 0; i < n; i++ {
		if g.r.Intn(12) == 0 { // an exported field without tags: not serialized
			sfs = append(sfs, reflect.StructField{Name: fmt.Sprintf("Pad%d", i), Type: reflect.TypeFor[int32]()})
		}
		id := g.fieldID(used)
		req := []string{"default", "required", "optional"}[g.r.Intn(3)]
		t := g.node(depth, 0)
		fn := fieldNode{index: len(sfs), id: id, req: req, t: t}
		goT := t.goT
		if req == "optional" && t.kind != kStruct && t.kind < kList && t.kind != kBinary && g.r.Intn(2) == 0 {
			fn.optPtr = true
			goT = reflect.PointerTo(goT)
		}
		if t.kind == kStruct && !t.ptr && req == "optional" { // an optional struct is a pointer
			t = &node{kind: kStruct, ptr: true, st: t.st, expr: t.expr, goT: reflect.PointerTo(t.goT)}
			fn.t, goT = t, t.goT
		}
		tag := g.tag(fn)
		sfs = append(sfs, reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: goT, Tag: reflect.StructTag(tag)})
		fns = append(fns, fn)
	}
	return sfs, fns
}

func (g *schemaGen) fieldID(used map[int16]bool) int16 {
	for {
		var id int16
		switch g.r.Intn(4) {
		case 0:
			id = int16(g.r.Intn(1 << 16))
		case 1:
			id = -int16(g.r.Intn(20))
		default:
			id = int16(1 + g.r.Intn(40))
		}
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

func (g *schemaGen) tag(fn fieldNode) string {
	t := fn.t
	if t.inferable() && g.r.Intn(4) == 0 {
		s := fmt.Sprintf("F%d,%d", fn.index, fn.id)
		if fn.req != "default" {
			s += "," + fn.req
		}
		return `thrift:"` + s + `"`
	}
	s := fmt.Sprintf("%d,%s,%s", fn.id, fn.req, t.typeExpr())
	if (t.kind == kString || t.kind == kBinary) && g.r.Intn(4) == 0 {
		s += ",nocopy"
	}
	return `frugal:"` + s + `"`
}

// node draws a type; depth counts nested structs, cdepth nested containers.
func (g *schemaGen) node(depth, cdepth int) *node {
	for {
		switch c := g.r.Intn(20); {
		case c < 8:
			return g.scalar()
		case c < 10:
			return g.enum()
		case c < 13 && cdepth < 2:
			e := g.elem(depth, cdepth+1)
			k := kList
			if g.r.Intn(3) == 0 {
				k = kSet
			}
			return &node{kind: k, elem: e, goT: reflect.SliceOf(e.goT)}
		case c < 15 && cdepth < 2:
			k, v := g.key(depth), g.elem(depth, cdepth+1)
			return &node{kind: kMap, key: k, elem: v, goT: reflect.MapOf(k.goT, v.goT)}
		case c < 18 && depth < 2:
			return g.structNode(depth+1, g.r.Intn(3) > 0)
		case c < 20:
			return g.rec[g.r.Intn(len(g.rec))]
		}
	}
}

func (g *schemaGen) scalar() *node {
	k := kind(g.r.Intn(int(kBinary) + 1))
	n := scalarNode(k)
	switch {
	case k == kByte && g.r.Intn(2) == 0:
		n.expr = "i8"
	case k == kI64 && g.r.Intn(3) == 0:
		n.goT = reflect.TypeFor[int]()
	case k == kString && g.r.Intn(4) == 0:
		n.expr = "binary"
	case k == kBinary && g.r.Intn(4) == 0:
		n.expr = "string"
	}
	return n
}

// enum is an integer of any width named by the tag: i32 on the wire.
func (g *schemaGen) enum() *node {
	gts := []reflect.Type{reflect.TypeFor[int8](), reflect.TypeFor[int16](), reflect.TypeFor[int32](), reflect.TypeFor[int64](), reflect.TypeFor[int]()}
	return &node{kind: kEnum, goT: gts[g.r.Intn(len(gts))], expr: fmt.Sprintf("E%d", g.r.Intn(3))}
}

// elem draws a container element or map value: structs by pointer or value.
func (g *schemaGen) elem(depth, cdepth int) *node {
	return g.node(depth, cdepth)
}

// key draws a map key: a comparable type, structs only by pointer.
func (g *schemaGen) key(depth int) *node {
	switch c := g.r.Intn(10); {
	case c < 6:
		for {
			if n := g.scalar(); n.kind != kBinary {
				return n
			}
		}
	case c < 8:
		return g.enum()
	case c < 9 && depth < 2:
		return g.structNode(depth+1, true)
	}
	return g.rec[0]
}

// structNode makes a nested struct type of up to 4 fields.
func (g *schemaGen) structNode(depth int, ptr bool) *node {
	sfs, fns := g.fields(g.r.Intn(5), depth)
	g.structs++
	st := &structNode{goT: reflect.StructOf(sfs), name: fmt.Sprintf("S%d", g.structs), fields: fns}
	n := &node{kind: kStruct, st: st, expr: st.name, ptr: ptr, goT: st.goT}
	if ptr {
		n.goT = reflect.PointerTo(st.goT)
	}
	return n
}

// describe prints a schema, for failure messages.
func describe(sfs []reflect.StructField) string {
	var b strings.Builder
	for _, sf := range sfs {
		fmt.Fprintf(&b, "  %s %s `%s`\n", sf.Name, sf.Type, sf.Tag)
	}
	return b.String()
}
