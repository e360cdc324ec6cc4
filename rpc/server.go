package rpc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cloudwego/netpoll"
)

// Server serves registered methods to Thrift clients over the binary
// protocol, framed or in TTHeader frames (see WithTransport). Register methods (Handle, HandleOneway, HandleArgs), then call
// Serve; Shutdown stops it gracefully.
type Server struct {
	opts options

	mu       sync.Mutex
	handlers map[string]*methodHandler // read without mu once serving is set
	serving  bool
	stopping bool
	loop     netpoll.EventLoop
	conns    map[*serverConn]struct{}

	serveDone chan struct{} // closed when a started Serve returns

	calls     callTracker
	accepting atomic.Bool // false once Shutdown starts: new connections are closed at once

	// callCtx is the context handlers run under; it is cancelled when a
	// Shutdown's deadline passes with calls still running.
	callCtx    context.Context
	cancelCall context.CancelFunc
}

// NewServer returns a server with no methods. Options: WithMaxFrameSize,
// WithReadTimeout, WithWriteTimeout, WithTransport.
func NewServer(opts ...Option) *Server {
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{
		opts:       buildOptions(opts),
		handlers:   make(map[string]*methodHandler),
		conns:      make(map[*serverConn]struct{}),
		serveDone:  make(chan struct{}),
		callCtx:    ctx,
		cancelCall: cancel,
	}
}

func (s *Server) register(name string, h *methodHandler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.serving {
		panic(fmt.Sprintf("rpc: method %q registered after Serve", name))
	}
	if _, dup := s.handlers[name]; dup {
		panic(fmt.Sprintf("rpc: method %q registered twice", name))
	}
	s.handlers[name] = h
}

// Serve accepts connections on ln (a TCP or Unix listener) and serves them
// until Shutdown, then returns ErrServerClosed. A server serves once; Serve
// after Shutdown closes ln and returns ErrServerClosed at once.
func (s *Server) Serve(ln net.Listener) error {
	npln, err := netpoll.ConvertListener(ln)
	if err != nil {
		return fmt.Errorf("rpc: %w", err)
	}
	loop, err := netpoll.NewEventLoop(s.onRequest,
		netpoll.WithOnPrepare(s.onPrepare),
		netpoll.WithReadTimeout(s.opts.readTimeout),
		netpoll.WithWriteTimeout(s.opts.writeTimeout),
	)
	if err != nil {
		return fmt.Errorf("rpc: %w", err)
	}
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		npln.Close()
		return ErrServerClosed
	}
	if s.serving {
		s.mu.Unlock()
		npln.Close()
		return errors.New("rpc: Serve called twice")
	}
	s.serving = true
	s.loop = loop
	s.accepting.Store(true)
	s.mu.Unlock()
	defer close(s.serveDone)

	err = loop.Serve(&gatedListener{Listener: npln, open: &s.accepting})
	s.mu.Lock()
	stopping := s.stopping
	s.mu.Unlock()
	if stopping {
		return ErrServerClosed
	}
	return err
}

// Shutdown stops the server gracefully: it stops taking connections and
// calls, waits for the calls already running to finish and their replies to
// be sent, then closes every connection and makes Serve return. Calls that
// arrive during the wait are not run; their connection closes under them,
// which clients see as a broken connection and may retry elsewhere.
//
// If ctx ends first, the handlers' context is cancelled, the connections are
// closed anyway, and Shutdown returns ctx's error.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return errors.New("rpc: Shutdown called twice")
	}
	s.stopping = true
	loop := s.loop
	s.mu.Unlock()

	s.accepting.Store(false)
	var err error
	select {
	case <-s.calls.drain():
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.cancelCall()
	s.closeConnections()
	if loop != nil {
		if lerr := s.stopLoop(ctx, loop); err == nil {
			err = lerr
		}
	}
	return err
}

// stopLoop makes netpoll detach and close the listener, which makes Serve
// return. With every connection closed that takes no time, except in one
// case: a Shutdown that comes just after Serve started may reach netpoll
// before Serve has registered the listener, and netpoll then has nothing to
// stop. So it repeats until Serve has returned, a bounded number of times.
func (s *Server) stopLoop(ctx context.Context, loop netpoll.EventLoop) error {
	var err error
	for range 100 {
		err = loop.Shutdown(ctx)
		select {
		case <-s.serveDone:
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
	return errors.Join(err, errors.New("rpc: Serve did not return"))
}

func (s *Server) closeConnections() {
	s.mu.Lock()
	conns := make([]*serverConn, 0, len(s.conns))
	for sc := range s.conns {
		conns = append(conns, sc)
	}
	s.mu.Unlock()
	for _, sc := range conns {
		sc.conn.Close()
	}
}

// gatedListener lets netpoll keep polling the listener during a graceful
// shutdown but closes every connection it accepts once the gate is shut, so
// no new client starts calls on a server that is draining.
type gatedListener struct {
	netpoll.Listener
	open *atomic.Bool
}

func (l *gatedListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err == nil && conn != nil && !l.open.Load() {
		conn.Close()
		return nil, nil // netpoll reads (nil, nil) as "nothing to accept now"
	}
	return conn, err
}
