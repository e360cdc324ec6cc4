package conformance

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// startRPCEchoServer serves EchoService's Echo and Notify (not Unserved)
// with this repository's rpc server on a loopback port and returns its
// address and the channel that gets each item Notify receives. The server
// is shut down, and Serve's return checked, when the test ends.
func startRPCEchoServer(t *testing.T) (string, <-chan *rpcapache.Item) {
	t.Helper()
	notified := make(chan *rpcapache.Item, 16)
	srv := rpc.NewServer()
	rpc.Handle(srv, apacheEchoMethod, func(_ context.Context, req *rpcapache.EchoRequest) (*rpcapache.EchoRequest, error) {
		return apacheEchoOutcome(req)
	})
	rpc.HandleOneway(srv, apacheNotifyMethod, func(_ context.Context, item *rpcapache.Item) error {
		notified <- item
		return nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("rpc server Shutdown: %v", err)
		}
		if err := <-done; !errors.Is(err, rpc.ErrServerClosed) {
			t.Errorf("rpc server Serve: %v", err)
		}
	})
	return ln.Addr().String(), notified
}
