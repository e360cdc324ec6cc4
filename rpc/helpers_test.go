package rpc

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/rpc/protocol"
)

// patience bounds every wait in these tests. It is far above what any step
// needs, so that a loaded CI machine slows the tests down without failing them.
const patience = 20 * time.Second

// networks are the sockets Serve takes; allNetworks adds ServeShmIPC's
// shared memory, for the tests that hold the same for every transport.
var (
	networks    = []string{"tcp", "unix"}
	allNetworks = []string{"tcp", "unix", "shmipc"}
)

// testServer is a running server with the echo service, torn down (and
// checked to stop cleanly) when the test ends.
type testServer struct {
	*Server
	network, addr string
	svc           *echoService
	served        chan error
	releaseOnce   sync.Once
	shutdownOnce  sync.Once
	raw           rawShmSessions // shmipc: the sessions of dialRaw
}

func startServer(t *testing.T, network string, opts ...Option) *testServer {
	t.Helper()
	ln := listen(t, network)
	ts := &testServer{
		Server:  NewServer(opts...),
		network: network,
		addr:    ln.Addr().String(),
		svc:     newEchoService(),
		served:  make(chan error, 1),
	}
	Handle(ts.Server, echoMethod, ts.svc.Echo)
	Handle(ts.Server, strictMethod, ts.svc.Strict)
	HandleOneway(ts.Server, notifyMethod, ts.svc.Notify)
	go func() { ts.served <- serve(ts.Server, network, ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// serve serves ln with Serve, or with ServeShmIPC for network "shmipc".
func serve(s *Server, network string, ln net.Listener) error {
	if network == "shmipc" {
		return s.ServeShmIPC(ln)
	}
	return s.Serve(ln)
}

// blockedCall starts a "block" call on c and returns once its handler runs;
// the call's error comes on the channel when it returns.
func blockedCall(t *testing.T, ts *testServer, c *Client) <-chan error {
	t.Helper()
	callErr := make(chan error, 1)
	go func() {
		_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "block"})
		callErr <- err
	}()
	receive(t, ts.svc.blocked)
	return callErr
}

// releaseBlocked lets every "block" call return, now and later.
func (ts *testServer) releaseBlocked() { ts.releaseOnce.Do(func() { close(ts.svc.release) }) }

// shutdown runs Shutdown the first time it is called; later calls do nothing
// and return nil, so a test may shut down early and the cleanup still works.
func (ts *testServer) shutdown(ctx context.Context) error {
	var err error
	ts.shutdownOnce.Do(func() { err = ts.Shutdown(ctx) })
	return err
}

// stop releases blocked calls, shuts the server down and checks that Serve
// returned ErrServerClosed.
func (ts *testServer) stop(t *testing.T) {
	t.Helper()
	ts.releaseBlocked()
	// The test has closed its raw streams: their session may close now (a
	// server shutting down waits for its clients to close their sessions).
	ts.raw.close(t)
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := ts.shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	select {
	case err := <-ts.served:
		if !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	case <-time.After(patience):
		t.Errorf("Serve did not return after Shutdown")
	}
	if ts.network == "shmipc" {
		checkNoShmFiles(t)
	}
}

func (ts *testServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(ts.network, ts.addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// dialRaw opens a plain socket to the server (over shmipc, a stream of a
// session of the test's), for tests that write bytes a well-behaved client
// never would.
func (ts *testServer) dialRaw(t *testing.T) net.Conn {
	t.Helper()
	if ts.network == "shmipc" {
		return ts.raw.dial(t, ts.addr)
	}
	conn, err := net.DialTimeout(ts.network, ts.addr, patience)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.SetDeadline(time.Now().Add(patience)); err != nil {
		t.Fatal(err)
	}
	return conn
}

func listen(t *testing.T, network string) net.Listener {
	t.Helper()
	addr := "127.0.0.1:0"
	if network == "shmipc" {
		network = "unix" // shmipc sessions start on a Unix socket
	}
	if network == "unix" {
		// Not t.TempDir: its long paths can pass the 108-byte socket path limit.
		dir, err := os.MkdirTemp("", "rpc")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		addr = filepath.Join(dir, "s")
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	t.Cleanup(cancel)
	return ctx
}

// frame returns a whole framed message, as a client would send it.
func frame(t *testing.T, h protocol.MessageHeader, body any) []byte {
	t.Helper()
	buf := make([]byte, protocol.FramedMessageSize(h, body))
	n, err := protocol.EncodeFramedMessage(buf, h, body)
	if err != nil {
		t.Fatal(err)
	}
	return buf[:n]
}

// readMessage reads one framed message from a raw connection.
func readMessage(t *testing.T, conn net.Conn) (protocol.MessageHeader, []byte) {
	t.Helper()
	prefix := make([]byte, protocol.FrameHeaderSize)
	if _, err := readFull(conn, prefix); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	size, err := protocol.ReadFrameSize(prefix, protocol.DefaultMaxFrameSize)
	if err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, size)
	if _, err := readFull(conn, payload); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	h, n, err := protocol.ReadMessageHeader(payload)
	if err != nil {
		t.Fatal(err)
	}
	return h, payload[n:]
}

func readFull(conn net.Conn, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := conn.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// waitClosed checks that the server closes conn: a read ends with EOF or a
// reset, not with the test's deadline.
func waitClosed(t *testing.T, conn net.Conn) {
	t.Helper()
	buf := make([]byte, 256)
	for {
		_, err := conn.Read(buf)
		if err == nil {
			continue
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the server kept the connection open: %v", err)
		}
		return
	}
}

// hdr is the header of a call.
func hdr(name string, seq int32) protocol.MessageHeader {
	return protocol.MessageHeader{Name: name, Type: protocol.Call, SeqID: seq}
}

// receive takes one value from ch, failing the test if none comes.
func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(patience):
		t.Fatal("timed out waiting")
		panic("unreachable")
	}
}

// decode is frugal.DecodeObject, named for what the tests use it for.
func decode(buf []byte, v any) (int, error) { return frugal.DecodeObject(buf, v) }

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isApplicationError(err error) bool {
	var appErr *protocol.ApplicationError
	return errors.As(err, &appErr)
}

// waitBlocked waits until n "block" calls are inside their handler, failing
// early with the error of any call that ends instead.
func waitBlocked(t *testing.T, ts *testServer, n int, errs <-chan error) {
	t.Helper()
	timeout := time.After(patience)
	for range n {
		select {
		case <-ts.svc.blocked:
		case err := <-errs:
			t.Fatalf("a call ended before it was released: %v", err)
		case <-timeout:
			t.Fatal("timed out waiting for calls to reach their handler")
		}
	}
}
