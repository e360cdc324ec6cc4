package rpc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/cloudwego/netpoll"
)

// Server serves registered methods to Thrift clients over the binary
// protocol, framed or in TTHeader frames (see WithTransport). Register
// methods (Handle, HandleOneway, HandleArgs), then call Serve (TCP or Unix
// sockets, through netpoll), ServeShmIPC (shared memory), or both; Shutdown
// stops them gracefully.
type Server struct {
	opts options

	mu       sync.Mutex
	handlers map[string]*methodHandler // read without mu once serving is set
	serving  bool
	stopping bool
	loop     netpoll.EventLoop // set by Serve
	// conns is what Shutdown closes: netpoll connections, and the listeners
	// and sessions of ServeShmIPC.
	conns map[io.Closer]struct{}

	serveDone chan struct{} // closed when a started Serve returns
	// shmGoroutines counts the goroutines of ServeShmIPC (accepting, serving
	// sessions and streams, closing sessions), which Shutdown waits for.
	shmGoroutines sync.WaitGroup

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
		conns:      make(map[io.Closer]struct{}),
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

// Shutdown stops the server gracefully: it stops taking connections and
// calls, waits for the calls already running to finish and their replies to
// be sent, then closes every connection and makes Serve and ServeShmIPC
// return. Calls that arrive during the wait are not run; their connection
// closes under them, which clients see as a broken connection and may retry
// elsewhere.
//
// If ctx ends first, the handlers' context is cancelled, the connections are
// closed anyway, and Shutdown returns ctx's error. A shmipc session closes
// once its client has closed its streams, which takes a round trip, or after
// five seconds for a client that does not answer.
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
	// Every one of these goroutines ends in bounded time once its listener,
	// session or stream is closed; waiting for them means nothing of the
	// server runs after Shutdown, except handlers that ignored their context.
	s.shmGoroutines.Wait()
	return err
}

// track adds c to what Shutdown closes; it reports false, and leaves c out,
// once Shutdown has begun.
func (s *Server) track(c io.Closer) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

// untrack removes c, closed by now, from what Shutdown closes.
func (s *Server) untrack(c io.Closer) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

func (s *Server) closeConnections() {
	s.mu.Lock()
	conns := make([]io.Closer, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}
