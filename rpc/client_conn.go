package rpc

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// clientLink is what carries a clientConn's frames: a netpoll connection or
// a shmipc stream. Replies come back through clientConn.deliver, called by
// whatever reads the link.
type clientLink interface {
	io.Writer // one whole frame per call
	// IsActive reports whether the link may still carry calls.
	IsActive() bool
	// Close closes the link, or starts closing it; its reader then fails
	// the calls still waiting.
	Close() error
}

// clientConn is one client connection and the calls waiting for replies on it.
type clientConn struct {
	conn      clientLink
	out       frameWriter
	transport Transport
	intInfo   map[uint16]string // TTHeader metadata of every call; read only
	strInfo   map[string]string

	mu      sync.Mutex
	pending map[int32]chan reply // by sequence id; nil once broken
	broken  error
}

// reply is what a waiting call receives: a reply message (header and body
// bytes, owned by the call) or the error that broke the connection.
type reply struct {
	header protocol.MessageHeader
	body   []byte
	err    error
}

func newClientConn(conn clientLink, o options) *clientConn {
	cc := &clientConn{
		conn:      conn,
		out:       frameWriter{conn: conn, maxSize: o.maxFrameSize},
		transport: Framed,
		intInfo:   o.ttIntInfo,
		strInfo:   o.ttStrInfo,
		pending:   make(map[int32]chan reply),
	}
	if o.transport != 0 {
		cc.transport = o.transport
	}
	return cc
}

func (cc *clientConn) usable() bool {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return cc.broken == nil && cc.conn.IsActive()
}

// expect registers a call about to be sent and returns where its reply will
// arrive. The channel has room for the one reply, so the reader never blocks
// on a caller.
func (cc *clientConn) expect(seq int32) (<-chan reply, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.broken != nil {
		return nil, cc.broken
	}
	if _, taken := cc.pending[seq]; taken {
		// Only after 2^32 calls with this one still unanswered.
		return nil, fmt.Errorf("sequence id %d is still in use", seq)
	}
	ch := make(chan reply, 1)
	cc.pending[seq] = ch
	return ch, nil
}

// forget drops a call that will not wait for its reply.
func (cc *clientConn) forget(seq int32) {
	cc.mu.Lock()
	delete(cc.pending, seq)
	cc.mu.Unlock()
}

func (cc *clientConn) send(ctx context.Context, h protocol.MessageHeader, body any) error {
	var th *protocol.TTHeader
	if cc.transport == TTHeader {
		// The header's sequence id is the message's, as Kitex writes it, so
		// either tells a peer which call a reply answers.
		th = &protocol.TTHeader{SeqID: h.SeqID, IntInfo: cc.intInfo, StrInfo: cc.strInfo}
		callHeader(ctx, th)
	}
	if err := cc.out.write(th, h, body); err != nil {
		if !cc.conn.IsActive() {
			return fmt.Errorf("%w: %v", ErrConnectionClosed, err)
		}
		return err
	}
	return nil
}

// deliver hands the payload of one reply frame to the call waiting for its
// sequence id, or drops it if none waits. An error means the connection
// cannot be trusted any more; the payload is not used after it returns.
func (cc *clientConn) deliver(payload []byte) error {
	_, msg, err := unwrap(cc.transport, payload)
	if err != nil {
		return err
	}
	h, n, err := protocol.ReadMessageHeader(msg)
	if err != nil {
		return err
	}
	// Replies are matched by the message's sequence id, as Kitex matches
	// them: some servers do not copy the call's into the TTHeader.
	body := append([]byte(nil), msg[n:]...) // the call decodes it after the payload is released

	cc.mu.Lock()
	ch := cc.pending[h.SeqID]
	delete(cc.pending, h.SeqID)
	cc.mu.Unlock()
	if ch != nil {
		ch <- reply{header: h, body: body}
	}
	return nil
}

// fail marks the connection broken and wakes every waiting call with err.
func (cc *clientConn) fail(err error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.broken != nil {
		return
	}
	cc.broken = err
	for _, ch := range cc.pending {
		ch <- reply{err: err}
	}
	cc.pending = nil
}

func (cc *clientConn) close() {
	cc.fail(ErrConnectionClosed)
	cc.conn.Close()
}
