package rpc

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cloudwego/shmipc-go"
)

// rawShmSessions is a test's own shmipc session with a server, opened by
// the first dialRaw, for streams that carry whatever bytes a test writes.
// Its streams are closed by the test (the cleanup of dialRaw); the session
// closes (testServer.stop) once the server has closed its ends, as a
// client's does (see shmStream).
type rawShmSessions struct {
	mu      sync.Mutex
	manager *shmipc.SessionManager
	session *shmipc.Session
	prefix  string
}

func (r *rawShmSessions) dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.manager == nil {
		r.prefix = newShmPrefix()
		sm, err := shmipc.NewSessionManager(shmClientConfig(addr, r.prefix+".1", patience, defaultOptions()))
		if err != nil {
			t.Fatal(err)
		}
		r.manager = sm
	}
	s, err := r.manager.GetStream()
	if err != nil {
		t.Fatal(err)
	}
	r.session = s.Session()
	conn := &rawShmConn{s}
	t.Cleanup(func() { conn.Close() })
	if err := conn.SetDeadline(time.Now().Add(patience)); err != nil {
		t.Fatal(err)
	}
	return conn
}

func (r *rawShmSessions) close(t *testing.T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.manager == nil {
		return
	}
	if r.session != nil {
		// Unlike a client's readers, nothing has waited for the server's
		// side to exist: a session closed before would go on being set up
		// on the server, its readers torn down under them (see
		// closeShmSession).
		for deadline := time.Now().Add(patience); shmServerSide(r.session) == nil; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Error("the server never set up the test's session")
				break
			}
		}
	}
	closeShmSession(r.manager, r.session, patience)
	removeShmFiles(r.prefix)
	r.manager = nil
}

// rawShmConn is a raw stream as a net.Conn with net.Conn's errors: io.EOF
// once the server closed its end, a timeout error at the deadline. Close
// closes the stream, which the server sees as end of stream; a test closes
// it from the goroutine that reads it.
type rawShmConn struct{ *shmipc.Stream }

func (c *rawShmConn) Read(p []byte) (int, error) {
	n, err := c.Stream.Read(p)
	switch {
	case errors.Is(err, shmipc.ErrTimeout):
		err = os.ErrDeadlineExceeded
	case errors.Is(err, shmipc.ErrEndOfStream), errors.Is(err, shmipc.ErrStreamClosed):
		err = io.EOF
	}
	return n, err
}

// shmFiles returns the shared-memory files of this process's clients.
func shmFiles() []string {
	files, _ := filepath.Glob(filepath.Join(shmDir, shmFilePrefix+"*"))
	return files
}

// checkNoShmFiles fails t if a client of this process left a file behind:
// clients delete theirs on Close, or (in the background) when the server
// has asked them to close their sessions.
func checkNoShmFiles(t *testing.T) {
	t.Helper()
	files := shmFiles()
	for deadline := time.Now().Add(patience); len(files) > 0 && time.Now().Before(deadline); files = shmFiles() {
		time.Sleep(10 * time.Millisecond)
	}
	if len(files) > 0 {
		t.Errorf("shared-memory files left behind: %v", files)
	}
}

// shmServer starts the test server over shmipc with an echo service.
func shmServer(t *testing.T, opts ...Option) *testServer {
	t.Helper()
	return startServer(t, "shmipc", opts...)
}
