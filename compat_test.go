package frugal_test

import (
	"reflect"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal"
)

// Every exported name of cloudwego/frugal v0.3.1's package frugal, with its
// signature: code written against it (Kitex's frugal codec among it)
// compiles against this package unchanged.
var (
	_ func(any) int                                       = frugal.EncodedSize
	_ func([]byte, thrift.NocopyWriter, any) (int, error) = frugal.EncodeObject
	_ func([]byte, any) (int, error)                      = frugal.DecodeObject
	_ func(any, ...frugal.Option) error                   = frugal.Pretouch
	_ func(bool)                                          = frugal.NoJIT
	_ func(int) int                                       = frugal.SetMaxInlineDepth
	_ func(int) int                                       = frugal.SetMaxInlineILSize
	_ func(int) frugal.Option                             = frugal.WithMaxInlineDepth
	_ func(int) frugal.Option                             = frugal.WithMaxInlineILSize
	_ func(int) frugal.Option                             = frugal.WithMaxPretouchDepth
	_ reflect.Type                                        = reflect.TypeOf(frugal.Option(nil))
)
