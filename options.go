package frugal

import (
	"sync/atomic"

	"github.com/frugaljit/frugal/ir"
)

// options are what Pretouch's Options set.
type options struct {
	engine         Engine
	engineSet      bool
	maxInlineDepth int // negative: SetMaxInlineDepth's default
}

// Option configures Pretouch.
type Option func(*options)

// WithEngine makes the type run on engine e. A type runs on the engine
// FRUGAL_ENGINE names (auto when unset) unless Pretouch said otherwise.
func WithEngine(e Engine) Option {
	return func(o *options) { o.engine, o.engineSet = e, true }
}

// WithMaxInlineDepth bounds how deeply the compiled codec of the type
// inlines nested structs (0: none); deeper ones, and the structs it calls,
// run as calls. Shallower codecs compile sooner into less code, for a few
// more calls per message. It does not change the encoding. A negative depth
// means the default (SetMaxInlineDepth).
func WithMaxInlineDepth(depth int) Option {
	return func(o *options) { o.maxInlineDepth = depth }
}

// WithMaxInlineILSize is accepted for compatibility with cloudwego/frugal
// and has no effect.
func WithMaxInlineILSize(size int) Option { return func(*options) {} }

// WithMaxPretouchDepth is accepted for compatibility with cloudwego/frugal
// and has no effect: Pretouch prepares every type a type reaches.
func WithMaxPretouchDepth(depth int) Option { return func(*options) {} }

var maxInlineDepth atomic.Int64

func init() { maxInlineDepth.Store(ir.DefaultInlineDepth) }

// SetMaxInlineDepth sets the inline depth (see WithMaxInlineDepth) of the
// codecs compiled from now on, for types not pretouched with one, and
// returns the previous default. Codecs already built keep theirs. A
// negative depth restores ir.DefaultInlineDepth.
func SetMaxInlineDepth(depth int) int {
	if depth < 0 {
		depth = ir.DefaultInlineDepth
	}
	return int(maxInlineDepth.Swap(int64(depth)))
}

// inlineDepth is the inline depth a codec built with o compiles with.
func (o *options) inlineDepth() int {
	if o != nil && o.maxInlineDepth >= 0 {
		return o.maxInlineDepth
	}
	return int(maxInlineDepth.Load())
}

// SetMaxInlineILSize is accepted for compatibility with cloudwego/frugal; it
// returns size and has no effect.
func SetMaxInlineILSize(size int) int { return size }

// NoJIT(true) makes types that have not been pretouched with an engine run
// on the reflect codec, as cloudwego/frugal's NoJIT did; NoJIT(false)
// restores the engine FRUGAL_ENGINE names.
func NoJIT(v bool) {
	if v {
		noJIT.Store(true)
	} else {
		noJIT.Store(false)
	}
}

var noJIT atomic.Bool
