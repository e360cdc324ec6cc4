package rpc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"

	"github.com/cloudwego/netpoll"
)

// Serve accepts connections on ln (a TCP or Unix listener) and serves them
// until Shutdown, then returns ErrServerClosed. Serve runs once per server
// (ServeShmIPC may run beside it); Serve after Shutdown closes ln and
// returns ErrServerClosed at once.
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
	if s.loop != nil {
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

type serverConnKey struct{}

// onPrepare runs for every accepted connection before netpoll reads from it;
// the context it returns is what onRequest gets.
func (s *Server) onPrepare(conn netpoll.Connection) context.Context {
	if !s.track(conn) {
		conn.Close() // accepted as Shutdown began: it would only be closed later
		return context.Background()
	}
	_ = conn.AddCloseCallback(func(netpoll.Connection) error {
		s.untrack(conn)
		return nil
	})
	return context.WithValue(context.Background(), serverConnKey{}, newServerConn(s, conn))
}

// onRequest is netpoll's callback for a connection with unread bytes; netpoll
// runs at most one at a time per connection and calls it again while bytes
// remain. It reads one frame and serves it (see serverConn.serveFrame).
func (s *Server) onRequest(ctx context.Context, conn netpoll.Connection) error {
	sc, _ := ctx.Value(serverConnKey{}).(*serverConn)
	if sc == nil {
		return conn.Close()
	}
	r := conn.Reader()
	payload, err := readFrame(r, s.opts.maxFrameSize)
	if err == nil {
		err = sc.serveFrame(payload)
	}
	_ = r.Release()
	if err != nil {
		// The stream cannot be trusted past a bad frame or header (or the
		// peer is gone): close, as Apache Thrift's servers do.
		return conn.Close()
	}
	return nil
}
