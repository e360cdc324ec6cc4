package frugal

import "sync/atomic"

// options are what Pretouch's Options set.
type options struct {
	engine         Engine
	engineSet      bool
	maxInlineDepth int
}

// Option configures Pretouch.
type Option func(*options)

// WithEngine makes the type run on engine e. A type runs on the engine
// FRUGAL_ENGINE names (auto when unset) unless Pretouch said otherwise.
func WithEngine(e Engine) Option {
	return func(o *options) { o.engine, o.engineSet = e, true }
}

// WithMaxInlineDepth bounds how deeply compiled codecs inline nested
// structs; deeper ones are called. It does not change the encoding.
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

func init() { maxInlineDepth.Store(5) }

// SetMaxInlineDepth sets the default inline depth of compiled codecs and
// returns the previous one.
func SetMaxInlineDepth(depth int) int { return int(maxInlineDepth.Swap(int64(depth))) }

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
