package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// apacheEchoHandler implements the generated rpcapache.EchoService for an
// Apache Thrift server.
type apacheEchoHandler struct{ notified chan *rpcapache.Item }

// Echo returns req, or fails as req.Outcome says.
func (h *apacheEchoHandler) Echo(_ context.Context, req *rpcapache.EchoRequest) (*rpcapache.EchoRequest, error) {
	return apacheEchoOutcome(req)
}

// Notify hands item to the test.
func (h *apacheEchoHandler) Notify(_ context.Context, item *rpcapache.Item) error {
	h.notified <- item
	return nil
}

// Unserved returns item (only the rpc server leaves it unserved).
func (h *apacheEchoHandler) Unserved(_ context.Context, item *rpcapache.Item) (*rpcapache.Item, error) {
	return item, nil
}

// startApacheEchoServer runs an Apache Thrift v0.13.0 TSimpleServer
// (TFramedTransport, TBinaryProtocol) with the generated EchoService
// processor on a loopback port and returns its address and the channel that
// gets each item Notify receives. The server is stopped when the test ends;
// TSimpleServer.Stop waits for every connection to close, so the test's
// clients must be closed before (register their cleanups after this one).
func startApacheEchoServer(t *testing.T) (string, <-chan *rpcapache.Item) {
	t.Helper()
	sock, err := thrift.NewTServerSocket("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := sock.Listen(); err != nil {
		t.Fatal(err)
	}
	addr := sock.Addr().String()
	h := &apacheEchoHandler{notified: make(chan *rpcapache.Item, 16)}
	srv := thrift.NewTSimpleServer4(rpcapache.NewEchoServiceProcessor(h), sock,
		thrift.NewTFramedTransportFactory(thrift.NewTTransportFactory()),
		thrift.NewTBinaryProtocolFactoryDefault())
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }() // Serve's Listen finds the socket listening
	t.Cleanup(func() {
		stopped := make(chan error, 1)
		go func() { stopped <- srv.Stop() }()
		select {
		case err := <-stopped:
			if err != nil {
				t.Errorf("Apache server Stop: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Apache server Stop did not return: a connection is still open")
		}
		if err := <-done; err != nil {
			t.Errorf("Apache server Serve: %v", err)
		}
	})
	return addr, h.notified
}
