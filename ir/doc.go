// Package ir owns the engine's description of a Go type as Thrift sees it:
// the schema, parsed and validated from struct tags, from which every engine
// (the reflect codec and the compilers) works.
//
// A schema is built once per Go type (Resolve) and cached with lock-free
// reads. Tags follow two grammars: frugal's `frugal:"ID,requiredness,type[,nocopy]"`
// and thriftgo's `thrift:"name,ID[,requiredness]"`, whose type is inferred
// from the Go type; when a field has both, the frugal tag wins.
package ir
