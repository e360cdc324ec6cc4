// Package frugal serializes Go structs to and from the Thrift binary protocol.
//
// It is a drop-in for github.com/cloudwego/frugal: the same four functions
// (EncodedSize, EncodeObject, DecodeObject, Pretouch) with the same signatures,
// driven by the same struct tags (`frugal:"..."`, or thriftgo's `thrift:"..."`).
package frugal

import (
	"github.com/cloudwego/gopkg/protocol/thrift"
)

// EncodedSize returns the number of bytes EncodeObject writes for v, a struct
// or a pointer to one. It returns 0 when v cannot be encoded; EncodeObject
// then reports why.
func EncodedSize(v any) int { panic("todo") }

// EncodeObject writes v into buf, which must hold EncodedSize(v) bytes, and
// returns the number of bytes written into buf. With a non-nil w, strings and
// binaries of 4096 bytes or more are handed to w.WriteDirect instead of being
// copied into buf.
func EncodeObject(buf []byte, w thrift.NocopyWriter, v any) (int, error) { panic("todo") }

// DecodeObject decodes one Thrift struct from buf into v, a non-nil pointer to
// a struct, and returns the number of bytes it read.
func DecodeObject(buf []byte, v any) (int, error) { panic("todo") }
