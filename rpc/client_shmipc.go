package rpc

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/cloudwego/shmipc-go"
)

// shmDialer opens a Client's connections as streams of one shmipc session,
// which it opens on the first dial and again once the session ends (the
// server shut down or restarted, say).
type shmDialer struct {
	path   string
	opts   options
	prefix string // of the files of this client's sessions

	closing sync.WaitGroup // sessions' closes, and readers

	mu      sync.Mutex
	gen     int // sessions opened so far
	current *shmClientSession
}

// shmClientSession is the client's side of one session.
type shmClientSession struct {
	dialer  *shmDialer
	manager *shmipc.SessionManager
	prefix  string // of its files
	readers shmReaders

	mu        sync.Mutex
	session   *shmipc.Session // known from its first stream
	closeOnce sync.Once
}

func newShmDialer(path string, o options) (*shmDialer, error) {
	if err := shmSupported(); err != nil {
		return nil, err
	}
	if !o.shmMemFd {
		if err := checkShmDir(); err != nil {
			return nil, err
		}
	}
	return &shmDialer{path: path, opts: o, prefix: newShmPrefix()}, nil
}

// dial opens a stream and starts its reader. Opening a stream tells the
// server nothing; it learns of the stream from its first frame.
func (d *shmDialer) dial(_ context.Context, timeout time.Duration) (*clientConn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for range 2 { // a session that turns out to be ending is replaced once
		cs := d.current
		if cs == nil || cs.ended() {
			if cs != nil {
				cs.close()
			}
			var err error
			if cs, err = d.open(timeout); err != nil {
				return nil, err
			}
			d.current = cs
		}
		s, err := cs.manager.GetStream()
		if err != nil {
			// The session is closed, or refuses new streams for 30 s after
			// running out of shared memory (sending over the socket
			// instead), while the streams it has keep working.
			if !errors.Is(err, shmipc.ErrSessionUnhealthy) {
				cs.close()
				d.current = nil
			}
			return nil, fmt.Errorf("%w: opening a shmipc stream: %v", ErrConnectionClosed, err)
		}
		cs.knowSession(s.Session())
		st := newShmStream(s)
		ending, ok := cs.readers.add(st)
		if !ok {
			// The session is closing: its close will close the stream,
			// which nothing has touched.
			d.current = nil
			continue
		}
		cc := newClientConn(st, d.opts)
		d.closing.Add(1)
		go cs.read(cc, st)
		if !ending {
			return cc, nil
		}
		st.end() // the session began ending meanwhile: its close waits for this reader
		d.current = nil
	}
	return nil, fmt.Errorf("%w: the shmipc session keeps ending", ErrConnectionClosed)
}

// open opens a new session: NewSessionManager dials the socket and maps the
// memory with the server before it returns.
func (d *shmDialer) open(timeout time.Duration) (*shmClientSession, error) {
	d.gen++
	prefix := d.prefix + "." + strconv.Itoa(d.gen)
	sm, err := shmipc.NewSessionManager(shmClientConfig(d.path, prefix, timeout, d.opts))
	if err != nil {
		removeShmFiles(prefix)
		return nil, fmt.Errorf("dialing shmipc %s: %w", d.path, err)
	}
	return &shmClientSession{dialer: d, manager: sm, prefix: prefix}, nil
}

// close ends the session in use and waits for every session's close.
func (d *shmDialer) close() {
	d.mu.Lock()
	if d.current != nil {
		d.current.close()
		d.current = nil
	}
	d.mu.Unlock()
	d.closing.Wait()
	removeShmFiles(d.prefix)
}

func (cs *shmClientSession) knowSession(s *shmipc.Session) {
	cs.mu.Lock()
	cs.session = s
	cs.mu.Unlock()
}

// ended reports whether the session is ending, or closed under it (the
// server died).
func (cs *shmClientSession) ended() bool {
	cs.mu.Lock()
	s := cs.session
	cs.mu.Unlock()
	return cs.readers.isEnding() || (s != nil && s.IsClosed())
}

// read reads cc's replies until the stream ends or breaks, then closes it.
// An empty frame from the server ends the whole session.
func (cs *shmClientSession) read(cc *clientConn, st *shmStream) {
	defer cs.dialer.closing.Done()
	opts := cs.dialer.opts
	for {
		payload, err := st.readFrame(opts.maxFrameSize, opts.readTimeout)
		if err == nil {
			err = cc.deliver(payload)
			st.release()
		}
		if err != nil {
			if errors.Is(err, errStreamEnded) {
				err = errors.New("the server is closing the shmipc session")
				cs.close()
			}
			cc.fail(fmt.Errorf("%w: reading a reply: %v", ErrConnectionClosed, err))
			break
		}
	}
	st.close()
	cs.readers.remove(st)
}

// close closes the session, once, without waiting: it ends every stream,
// and once their readers are gone (and the server's, if it runs in this
// process), closes the session and deletes its files (see shmStream).
func (cs *shmClientSession) close() {
	cs.closeOnce.Do(func() {
		cs.readers.markEnding() // no more streams on it, from now
		cs.dialer.closing.Add(1)
		go func() {
			defer cs.dialer.closing.Done()
			cs.readers.end(shmCloseTimeout)
			cs.mu.Lock()
			s := cs.session
			cs.mu.Unlock()
			closeShmSession(cs.manager, s, shmCloseTimeout)
			removeShmFiles(cs.prefix)
		}()
	})
}
