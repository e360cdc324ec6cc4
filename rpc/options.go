package rpc

import (
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// Option configures a Server or a Client. Each option says which of the two
// it applies to; the other ignores it.
type Option func(*options)

type options struct {
	maxFrameSize   int
	readTimeout    time.Duration
	writeTimeout   time.Duration
	connectTimeout time.Duration
	poolSize       int
}

// Defaults are generous on purpose: they bound a stalled peer, not a slow
// handler (the server never times out a handler; the client's context does).
func defaultOptions() options {
	return options{
		maxFrameSize:   protocol.DefaultMaxFrameSize,
		readTimeout:    30 * time.Second,
		writeTimeout:   30 * time.Second,
		connectTimeout: 5 * time.Second,
		poolSize:       2,
	}
}

func buildOptions(opts []Option) options {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithMaxFrameSize sets the largest frame (message bytes after the length
// prefix) that is read or sent; default protocol.DefaultMaxFrameSize. A
// server closes a connection that announces a larger frame; a call whose
// message is larger fails before anything is sent. Server and Client.
func WithMaxFrameSize(n int) Option { return func(o *options) { o.maxFrameSize = n } }

// WithReadTimeout bounds the wait for the rest of a frame once its first
// bytes have arrived, so a peer that stalls mid-frame cannot hold a
// connection forever; the connection is closed when it expires. It does not
// limit the time between frames. Default 30s. Server and Client.
func WithReadTimeout(d time.Duration) Option { return func(o *options) { o.readTimeout = d } }

// WithWriteTimeout bounds the wait for a peer that stops reading while a
// message is being sent. Default 30s. Server and Client.
func WithWriteTimeout(d time.Duration) Option { return func(o *options) { o.writeTimeout = d } }

// WithConnectTimeout bounds dialing a new connection (a call's context may
// shorten it). Default 5s. Client only.
func WithConnectTimeout(d time.Duration) Option { return func(o *options) { o.connectTimeout = d } }

// WithPoolSize sets how many connections a Client spreads its calls over;
// each carries any number of concurrent calls. Default 2. Client only.
func WithPoolSize(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.poolSize = n
		}
	}
}
