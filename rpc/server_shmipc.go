package rpc

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/cloudwego/shmipc-go"
)

// ServeShmIPC serves clients over shared memory (NewClient("shmipc", path)):
// each connection accepted on ln, a Unix socket listener at path, starts a
// shmipc session, which maps the memory the client made and carries streams,
// each served like a connection of Serve (the same handlers, framing,
// limits and timeouts; calls on a stream run concurrently). It returns
// ErrServerClosed after Shutdown, which closes ln. ServeShmIPC may run
// beside Serve, and on several listeners; called after Shutdown, it closes
// ln and returns ErrServerClosed at once.
//
// Shared memory works between processes of one host (or containers sharing
// /dev/shm and the socket), on Linux (amd64, arm64).
func (s *Server) ServeShmIPC(ln net.Listener) error {
	if err := shmSupported(); err != nil {
		ln.Close()
		return err
	}
	if network := ln.Addr().Network(); network != "unix" {
		ln.Close()
		return fmt.Errorf("rpc: ServeShmIPC needs a Unix socket listener, not %s", network)
	}
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.serving = true
	s.accepting.Store(true)
	s.conns[ln] = struct{}{}
	s.shmGoroutines.Add(1) // under mu, not stopping: before Shutdown waits
	s.mu.Unlock()
	defer s.shmGoroutines.Done()
	defer s.untrack(ln)

	var backoff time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if !s.accepting.Load() {
				return ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("rpc: %w", err)
			}
			// Out of file descriptors, say: wait for some to be freed,
			// as net/http does.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		// While Shutdown drains, a new session is served only to be ended
		// (serveShmSession): closing its socket at once would tear the
		// client's side down under its goroutines (see shmStream), as a
		// shmipc client with files under /dev/shm does not wait for the
		// server to accept what it maps.
		s.shmGoroutines.Add(1)
		go s.serveShmSession(conn)
	}
}

// shmServerSession is the server's side of one shmipc session.
type shmServerSession struct {
	server  *Server
	session *shmipc.Session
	readers shmReaders
}

// serveShmSession completes a session's handshake, then serves the streams
// the client opens in it until the session closes.
func (s *Server) serveShmSession(conn net.Conn) {
	defer s.shmGoroutines.Done()
	session, err := shmipc.Server(conn, shmServerConfig(s.opts))
	if err != nil {
		conn.Close()
		return
	}
	ss := &shmServerSession{server: s, session: session}
	if s.track(ss) {
		defer s.untrack(ss)
	} else {
		ss.Close() // Shutdown has begun: the client is asked to close it at once
	}
	id := session.ID()
	shmServerSides.Store(id, ss)
	defer shmServerSides.Delete(id)
	for {
		// AcceptStream fails once the session is closed: by the client,
		// normally.
		stream, err := session.AcceptStream()
		if err != nil {
			return
		}
		st := newShmStream(stream)
		ending, ok := ss.readers.add(st)
		if !ok {
			continue // the session is closing, and will close the stream
		}
		if ending {
			st.end() // Shutdown has asked the client to close the session
		}
		s.shmGoroutines.Add(1)
		go ss.serveStream(st)
	}
}

// serveStream reads and serves the stream's frames until it ends or breaks,
// then closes it.
func (ss *shmServerSession) serveStream(st *shmStream) {
	defer ss.server.shmGoroutines.Done()
	defer ss.readers.remove(st)
	sc := newServerConn(ss.server, st)
	opts := ss.server.opts
	for {
		payload, err := st.readFrame(opts.maxFrameSize, opts.readTimeout)
		if err != nil {
			break // the stream cannot be trusted past a bad frame, as in onRequest
		}
		err = sc.serveFrame(payload)
		st.release()
		if err != nil {
			break
		}
	}
	st.close()
}

// Close asks the client to close the session, for Shutdown, by ending every
// stream, now and as they come (see shmStream); it closes the session itself
// if the client has not done so after shmCloseTimeout. It does not wait;
// Shutdown waits for it.
func (ss *shmServerSession) Close() error {
	ss.server.shmGoroutines.Add(1)
	go func() {
		defer ss.server.shmGoroutines.Done()
		ss.readers.endStreams()
		timer := time.NewTimer(shmCloseTimeout)
		defer timer.Stop()
		select {
		case <-ss.session.CloseChan():
		case <-timer.C:
			// The client does not answer: close anyway, under readers
			// that may still be waiting for it.
			ss.readers.end(0)
			ss.session.Close()
		}
	}()
	return nil
}
