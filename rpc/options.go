package rpc

import (
	"maps"
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
	transport      Transport // 0: a server takes both, a client sends framed
	ttIntInfo      map[uint16]string
	ttStrInfo      map[string]string
	shmMemFd       bool
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
// shorten it); over shmipc, opening a session, which maps the shared memory
// on both sides. Default 5s. Client only.
func WithConnectTimeout(d time.Duration) Option { return func(o *options) { o.connectTimeout = d } }

// WithPoolSize sets how many connections a Client spreads its calls over
// (over shmipc, streams of its one session); each carries any number of
// concurrent calls. Default 2. Client only.
func WithPoolSize(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.poolSize = n
		}
	}
}

// WithTransport chooses the transport. A Client sends every call with it
// (default Framed); WithTransport(TTHeader) makes it speak Kitex's default
// transport. A Server by default takes both, telling them apart on each
// connection from its first frame and answering in kind; WithTransport
// restricts it to t, closing connections that start with the other. Values
// other than Framed and TTHeader are ignored. Server and Client.
func WithTransport(t Transport) Option {
	return func(o *options) {
		if t == Framed || t == TTHeader {
			o.transport = t
		}
	}
}

// WithTTHeaderInfo sets the key-value metadata a Client sends in the
// TTHeader of every call (INFO_INTKEYVALUE and INFO_KEYVALUE); Kitex servers
// read, for example, protocol.TTHeaderKeyFromService from intInfo and the
// IDL service name from strInfo["isn"]. The maps are copied. It has effect
// only with WithTransport(TTHeader). Client only.
func WithTTHeaderInfo(intInfo map[uint16]string, strInfo map[string]string) Option {
	intInfo, strInfo = maps.Clone(intInfo), maps.Clone(strInfo)
	return func(o *options) { o.ttIntInfo, o.ttStrInfo = intInfo, strInfo }
}

// WithShmIPCMemFd makes a shmipc client keep its shared memory in memfd
// regions (Linux 3.17 and later), whose descriptors go to the server over
// the Unix socket, instead of in files under /dev/shm: no files to delete,
// none left behind by a crash, and no need for /dev/shm. Client only.
func WithShmIPCMemFd() Option { return func(o *options) { o.shmMemFd = true } }
