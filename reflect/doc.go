// Package reflect is the portable codec: it sizes, encodes and decodes any
// type the schema (package ir) describes by walking the descriptor with
// unsafe pointer arithmetic, on every platform.
//
// It is the engine of last resort and the oracle that every compiled engine
// must agree with byte for byte, so it shares nothing with the compilers but
// the schema and the wire package. Its rules, where Apache Thrift and frugal
// differ, follow Apache Thrift: fields in declaration order, optional fields
// left out as thriftgo's IsSet methods say, any bool byte other than 1 read as
// false, empty containers decoded as empty (not nil) values.
package reflect

import "unsafe"

// MaxDepth bounds how deeply structs and containers may nest, on decode
// (skipped fields included) and on encode (a pointer cycle stops here).
const MaxDepth = 1023

// sliceHeader is the memory layout of a Go slice.
type sliceHeader struct {
	Data unsafe.Pointer
	Len  int
	Cap  int
}

// stringHeader is the memory layout of a Go string.
type stringHeader struct {
	Data unsafe.Pointer
	Len  int
}
