package rpc

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frugaljit/frugal"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// Client calls methods on one server address over a small pool of
// connections (over shmipc, streams of one shared-memory session). Each
// connection carries any number of concurrent calls, told apart by sequence
// id, so the pool is for spreading load, not for taking turns. A Client is
// safe for concurrent use; Close it when done.
type Client struct {
	opts   options
	dialer dialer

	seq    atomic.Int32
	next   atomic.Uint32
	slots  []connSlot
	closed atomic.Bool
}

// connSlot holds one pooled connection, redialed on demand after it breaks.
type connSlot struct {
	mu   sync.Mutex
	conn *clientConn
}

// dialer opens the connections of a Client's pool.
type dialer interface {
	// dial opens a connection, within timeout; ctx only says whether the
	// caller still waits.
	dial(ctx context.Context, timeout time.Duration) (*clientConn, error)
	// close releases what the connections shared, once each is closed.
	close()
}

// NewClient returns a client for the server at address on network: "tcp",
// "tcp4", "tcp6" or "unix" for a server's Serve, or "shmipc" for its
// ServeShmIPC, address being then the path of its Unix socket. It dials
// lazily, on the first calls. Options: WithPoolSize, WithConnectTimeout,
// WithMaxFrameSize, WithReadTimeout, WithWriteTimeout, WithTransport,
// WithTTHeaderInfo, and for shmipc WithShmIPCMemFd.
//
// A shmipc client shares memory with the server on the same host: one
// session, made of a Unix socket connection and, by default, two files under
// /dev/shm (a 32 MiB buffer and a small queue, named
// /dev/shm/frugal-rpc-PID-...), which both sides map; the calls' bytes travel
// through the buffer, and the socket only wakes the other side. NewClient
// fails if /dev/shm is missing, unless WithShmIPCMemFd keeps the memory in
// memfd regions instead. Close deletes the files.
func NewClient(network, address string, opts ...Option) (*Client, error) {
	o := buildOptions(opts)
	var d dialer
	switch network {
	case "tcp", "tcp4", "tcp6", "unix":
		d = &netpollDialer{network: network, address: address, opts: o}
	case "shmipc":
		sd, err := newShmDialer(address, o)
		if err != nil {
			return nil, err
		}
		d = sd
	default:
		return nil, fmt.Errorf("rpc: unsupported network %q", network)
	}
	return &Client{opts: o, dialer: d, slots: make([]connSlot, o.poolSize)}, nil
}

// Invoke calls method with args (a pointer to its args struct) and decodes
// the reply into result (a pointer to its result struct). It returns a
// *protocol.ApplicationError if the server answered with one, the context's
// error (wrapped) if ctx ended first, or an error wrapping ErrConnectionClosed
// if the connection broke. Declared exceptions are not errors here: they are
// in result.
func (c *Client) Invoke(ctx context.Context, method string, args, result any) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err) // before sending a call no one would wait for
	}
	cc, err := c.pick(ctx)
	if err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	seq := c.seq.Add(1)
	replies, err := cc.expect(seq)
	if err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	if err := cc.send(ctx, protocol.MessageHeader{Name: method, Type: protocol.Call, SeqID: seq}, args); err != nil {
		cc.forget(seq)
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	select {
	case rep := <-replies:
		if rep.err != nil {
			return fmt.Errorf("rpc: calling %q: %w", method, rep.err)
		}
		return decodeReply(method, rep, result)
	case <-ctx.Done():
		// A reply that comes later finds no one waiting and is dropped; the
		// connection stays usable, since frames keep the stream in step.
		cc.forget(seq)
		return fmt.Errorf("rpc: calling %q: %w", method, ctx.Err())
	}
}

// InvokeOneway sends a oneway call and returns once it is written.
func (c *Client) InvokeOneway(ctx context.Context, method string, args any) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	cc, err := c.pick(ctx)
	if err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	h := protocol.MessageHeader{Name: method, Type: protocol.Oneway, SeqID: c.seq.Add(1)}
	if err := cc.send(ctx, h, args); err != nil {
		return fmt.Errorf("rpc: calling %q: %w", method, err)
	}
	return nil
}

func decodeReply(method string, rep reply, result any) error {
	switch {
	case rep.header.Type == protocol.Exception:
		appErr, _, err := protocol.DecodeApplicationError(rep.body)
		if err != nil {
			return fmt.Errorf("rpc: calling %q: %w", method, err)
		}
		return appErr
	case rep.header.Type != protocol.Reply:
		return protocol.NewApplicationError(protocol.InvalidMessageType, "%s: reply of type %s", method, rep.header.Type)
	case rep.header.Name != method:
		return protocol.NewApplicationError(protocol.WrongMethodName, "%s: reply names method %q", method, rep.header.Name)
	}
	if _, err := frugal.DecodeObject(rep.body, result); err != nil {
		return fmt.Errorf("rpc: calling %q: decoding result: %w", method, err)
	}
	return nil
}

// Close closes every connection; calls waiting on them fail with
// ErrConnectionClosed, and later calls with ErrClientClosed. A shmipc client
// waits for the server to close its ends of the streams (a round trip; at
// most five seconds), closes its session and deletes its files.
func (c *Client) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	for i := range c.slots {
		s := &c.slots[i]
		s.mu.Lock()
		if s.conn != nil {
			s.conn.close()
			s.conn = nil
		}
		s.mu.Unlock()
	}
	c.dialer.close()
	return nil
}

// pick returns a live pooled connection, dialing one in the chosen slot if it
// is empty or its connection broke.
func (c *Client) pick(ctx context.Context) (*clientConn, error) {
	s := &c.slots[int(c.next.Add(1)%uint32(len(c.slots)))]
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.closed.Load() {
		return nil, ErrClientClosed
	}
	if s.conn != nil && s.conn.usable() {
		return s.conn, nil
	}
	timeout := c.opts.connectTimeout
	if deadline, ok := ctx.Deadline(); ok {
		left := time.Until(deadline)
		if left <= 0 {
			return nil, ctx.Err()
		}
		timeout = min(timeout, left)
	}
	cc, err := c.dialer.dial(ctx, timeout)
	if err != nil {
		return nil, err
	}
	s.conn = cc
	return cc, nil
}
