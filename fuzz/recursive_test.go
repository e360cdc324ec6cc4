package fuzz

import "reflect"

// reflect.StructOf cannot make a recursive type, so generated schemas reach
// recursion through these predeclared types, used as fields.

// Tree recurses through an optional pointer, a list and a map.
type Tree struct {
	Value    int32            `frugal:"1,default,i32"`
	Left     *Tree            `frugal:"2,optional,Tree"`
	Children []*Tree          `frugal:"3,default,list<Tree>"`
	ByName   map[string]*Tree `frugal:"4,optional,map<string:Tree>"`
}

// MutualA and MutualB recurse through each other.
type MutualA struct {
	Name string   `frugal:"1,default,string"`
	B    *MutualB `frugal:"2,optional,MutualB"`
}

// MutualB is MutualA's partner.
type MutualB struct {
	As []*MutualA `frugal:"1,default,list<MutualA>"`
	A  *MutualA   `frugal:"-2,optional,MutualA"`
}

// recursiveNodes returns the schema nodes of the predeclared recursive
// types, as pointers: Tree, MutualA.
func recursiveNodes() []*node {
	tree := &structNode{goT: reflect.TypeFor[Tree](), name: "Tree"}
	treePtr := &node{kind: kStruct, ptr: true, st: tree, goT: reflect.TypeFor[*Tree](), expr: "Tree"}
	tree.fields = []fieldNode{
		{index: 0, id: 1, req: "default", t: scalarNode(kI32)},
		{index: 1, id: 2, req: "optional", t: treePtr},
		{index: 2, id: 3, req: "default", t: &node{kind: kList, elem: treePtr, goT: reflect.TypeFor[[]*Tree]()}},
		{index: 3, id: 4, req: "optional", t: &node{kind: kMap, key: scalarNode(kString), elem: treePtr, goT: reflect.TypeFor[map[string]*Tree]()}},
	}
	a := &structNode{goT: reflect.TypeFor[MutualA](), name: "MutualA"}
	b := &structNode{goT: reflect.TypeFor[MutualB](), name: "MutualB"}
	aPtr := &node{kind: kStruct, ptr: true, st: a, goT: reflect.TypeFor[*MutualA](), expr: "MutualA"}
	bPtr := &node{kind: kStruct, ptr: true, st: b, goT: reflect.TypeFor[*MutualB](), expr: "MutualB"}
	a.fields = []fieldNode{
		{index: 0, id: 1, req: "default", t: scalarNode(kString)},
		{index: 1, id: 2, req: "optional", t: bPtr},
	}
	b.fields = []fieldNode{
		{index: 0, id: 1, req: "default", t: &node{kind: kList, elem: aPtr, goT: reflect.TypeFor[[]*MutualA]()}},
		{index: 1, id: -2, req: "optional", t: aPtr},
	}
	return []*node{treePtr, aPtr}
}
