// Package frugal serializes Go structs to and from the Thrift binary protocol.
//
// It is a drop-in for github.com/cloudwego/frugal: the same functions
// (EncodedSize, EncodeObject, DecodeObject, Pretouch) with the same
// signatures, driven by the same struct tags (`frugal:"ID,requiredness,type"`,
// or thriftgo's `thrift:"Name,ID,requiredness"`). Fields are written in
// declaration order, so the bytes equal Apache Thrift's for the same value.
//
// Malformed input is an error, never a panic: every length is checked
// against the bytes that remain before anything is allocated, and nesting is
// limited to MaxDepth. Errors wrap one of the Err* classes of this package.
package frugal

import (
	"runtime"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/backend"
	"github.com/frugaljit/frugal/interp"
	"github.com/frugaljit/frugal/jit"
	rcodec "github.com/frugaljit/frugal/reflect"
	"github.com/frugaljit/frugal/ssa"
	"github.com/frugaljit/frugal/wire"
)

// EncodedSize returns the number of bytes EncodeObject produces for v, a
// struct or a pointer to one (a nil pointer encodes as an empty struct). It
// returns 0 when v's type cannot be encoded; EncodeObject then says why.
func EncodedSize(v any) int {
	c, p := lookup(v)
	if c != nil && c.isFlat && p != nil {
		return c.flat.Of(p)
	}
	if c == nil {
		var err error
		if c, p, err = prepare(v); err != nil {
			return 0
		}
	}
	switch c.engine {
	case EngineJIT:
		return c.jit.Size(p)
	case EngineInterp:
		return interp.Size(c.desc, p)
	}
	return rcodec.Size(c.desc, p)
}

// EncodeObject writes v into buf, which must hold EncodedSize(v) bytes, and
// returns the number of bytes written into buf. With a non-nil w, strings
// and binaries of 4096 bytes or more are handed to w.WriteDirect (with the
// room left in buf after their length prefix) instead of being copied, as
// Kitex's generated code does. EncodeObject never writes past len(buf): a
// buffer that is too small, because v changed since EncodedSize, is
// ErrShortBuffer.
func EncodeObject(buf []byte, w thrift.NocopyWriter, v any) (int, error) {
	c, p := lookup(v)
	if c == nil {
		var err error
		if c, p, err = prepare(v); err != nil {
			return 0, err
		}
	}
	switch c.engine {
	case EngineJIT:
		// jit.Codec.Encode, with its fast path here: a call less per encode.
		interp.Escape(p) // the code holds p as an integer across exits
		code := jit.NotRun
		if fn := c.freshEncode.Load(); fn != 0 && p != nil {
			var n uint64
			code, n = jit.CallFresh(fn, uint64(uintptr(p)), uint64(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))), uint64(len(buf)), ssa.NocopyMin(w != nil))
			runtime.KeepAlive(p) // the code holds p and buf only as integers
			runtime.KeepAlive(buf)
			if code == backend.ExitReturn && int64(n) >= 0 {
				return int(n), nil
			}
		}
		return c.jit.EncodeAfter(buf, w, p, code)
	case EngineInterp:
		return interp.Encode(buf, w, c.desc, p)
	}
	return rcodec.Encode(buf, w, c.desc, p)
}

// DecodeObject decodes one Thrift struct from buf into v, a non-nil pointer
// to a struct, and returns the number of bytes read. Fields absent from buf
// keep the values they had.
func DecodeObject(buf []byte, v any) (int, error) {
	c, p := lookup(v)
	if c == nil {
		var err error
		if c, p, err = prepare(v); err != nil {
			return 0, err
		}
	}
	if !c.ptr {
		return 0, wire.Errorf(ErrInvalidValue, "DecodeObject needs a pointer to a struct, got "+c.desc.Name)
	}
	if p == nil {
		return 0, wire.Errorf(ErrInvalidValue, "DecodeObject into a nil *"+c.desc.Name)
	}
	switch c.engine {
	case EngineInterp:
		return interp.Decode(buf, c.desc, p)
	case EngineJIT:
		return c.jit.Decode(buf, p)
	}
	return rcodec.Decode(buf, c.desc, p)
}
