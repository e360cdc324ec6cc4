// Package frugal is github.com/frugaljit/frugal under cloudwego/frugal's
// module path. A module that depends on cloudwego/frugal (Kitex does, for
// its frugal codec) runs on this engine with two replace directives and no
// code change:
//
//	replace github.com/cloudwego/frugal => <this repository>/compat/cloudwego-frugal
//	replace github.com/frugaljit/frugal => <this repository>
//
// A replace straight to github.com/frugaljit/frugal cannot work: Go requires
// the replacement to declare the path it replaces.
package frugal

import (
	"github.com/cloudwego/gopkg/protocol/thrift"
	engine "github.com/frugaljit/frugal"
)

// EncodedSize returns the number of bytes EncodeObject produces for v.
func EncodedSize(v interface{}) int { return engine.EncodedSize(v) }

// EncodeObject writes v into buf, handing large strings and binaries to w.
func EncodeObject(buf []byte, w thrift.NocopyWriter, v interface{}) (int, error) {
	return engine.EncodeObject(buf, w, v)
}

// DecodeObject decodes one Thrift struct from buf into v.
func DecodeObject(buf []byte, v interface{}) (int, error) { return engine.DecodeObject(buf, v) }

// Pretouch prepares the codec of vt ahead of its first use.
func Pretouch(vt any, options ...Option) error { return engine.Pretouch(vt, options...) }

// Option configures Pretouch.
type Option = engine.Option

// NoJIT makes types run on the reflect codec.
//
// Deprecated: kept for cloudwego/frugal compatibility; see engine.WithEngine.
func NoJIT(v bool) { engine.NoJIT(v) }

// SetMaxInlineDepth sets the default inline depth of compiled codecs.
//
// Deprecated: kept for cloudwego/frugal compatibility.
func SetMaxInlineDepth(depth int) int { return engine.SetMaxInlineDepth(depth) }

// SetMaxInlineILSize has no effect.
//
// Deprecated: kept for cloudwego/frugal compatibility.
func SetMaxInlineILSize(size int) int { return engine.SetMaxInlineILSize(size) }

// WithMaxInlineDepth bounds how deeply compiled codecs inline nested structs.
//
// Deprecated: kept for cloudwego/frugal compatibility.
func WithMaxInlineDepth(depth int) Option { return engine.WithMaxInlineDepth(depth) }

// WithMaxInlineILSize has no effect.
//
// Deprecated: kept for cloudwego/frugal compatibility.
func WithMaxInlineILSize(size int) Option { return engine.WithMaxInlineILSize(size) }

// WithMaxPretouchDepth has no effect.
//
// Deprecated: kept for cloudwego/frugal compatibility.
func WithMaxPretouchDepth(depth int) Option { return engine.WithMaxPretouchDepth(depth) }
