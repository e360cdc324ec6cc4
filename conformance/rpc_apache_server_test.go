package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc"
	"github.com/frugaljit/frugal/rpc/protocol"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// TestRPCClientCallsApacheServer has this repository's rpc client call an
// Apache Thrift v0.13.0 TSimpleServer (TFramedTransport, TBinaryProtocol,
// the processor thriftgo generates): concurrent echoes multiplexed over one
// connection, which the Apache server answers one at a time; the declared
// exception; an undeclared handler error and an unknown method as
// *protocol.ApplicationError of the right type; a oneway call; and a
// handler panic, after which the Apache server closes the connection
// without a reply.
//
// Each subtest has its own client: after an undeclared error, an unknown
// method or a panic, the Apache server closes the connection (its
// processRequests returns the handler's error), which a client sharing it
// would see in its next call.
func TestRPCClientCallsApacheServer(t *testing.T) {
	verifyNoLeaks(t)
	addr, notified := startApacheEchoServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	t.Run("echo", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		const calls = 16
		errs := make(chan error, calls)
		var wg sync.WaitGroup
		for i := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := newApacheEchoRequest(i, rpcapache.Outcome_Echo)
				got, err := apacheEchoMethod.Call(ctx, c, req)
				if err == nil {
					if d := Diff(got, req); d != "" {
						err = errors.New(d)
					}
				}
				if err != nil {
					errs <- fmt.Errorf("call %d: %w", i, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
	t.Run("declared exception", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		req := newApacheEchoRequest(1, rpcapache.Outcome_Declared)
		_, err := apacheEchoMethod.Call(ctx, c, req)
		var got *rpcapache.EchoError
		if !errors.As(err, &got) {
			t.Fatalf("Call returned %v (%T), want *rpcapache.EchoError", err, err)
		}
		if d := Diff(got, apacheDeclaredError(req)); d != "" {
			t.Errorf("EchoError: %s", d)
		}
		rpcEchoes(ctx, t, c, 2) // a declared exception is a reply: the connection stays
	})
	t.Run("handler error", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		_, err := apacheEchoMethod.Call(ctx, c, newApacheEchoRequest(1, rpcapache.Outcome_Undeclared))
		wantRPCAppError(t, err, protocol.InternalError, errApacheUndeclared.Error())
	})
	t.Run("unknown method", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		args := rpcapache.EchoServiceEchoArgs{Req: newApacheEchoRequest(1, rpcapache.Outcome_Echo)}
		var result rpcapache.EchoServiceEchoResult
		err := c.Invoke(ctx, "NoSuchMethod", &args, &result)
		wantRPCAppError(t, err, protocol.UnknownMethod, "NoSuchMethod")
	})
	t.Run("oneway", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		item := newApacheItem(3, 1)
		if err := apacheNotifyMethod.Send(ctx, c, item); err != nil {
			t.Fatalf("Send: %v", err)
		}
		wantNotified(t, notified, item)
		// The Apache server took the ONEWAY message and answered nothing:
		// the next reply on the connection is the echo's.
		rpcEchoes(ctx, t, c, 4)
	})
	t.Run("handler panic", func(t *testing.T) {
		c := newRPCApacheClient(t, addr)
		_, err := apacheEchoMethod.Call(ctx, c, newApacheEchoRequest(1, rpcapache.Outcome_Panic))
		if !errors.Is(err, rpc.ErrConnectionClosed) {
			t.Fatalf("Call returned %v, want an error wrapping rpc.ErrConnectionClosed", err)
		}
	})
}

// newRPCApacheClient returns an rpc client for addr with one framed
// connection, so that concurrent calls share it; it is closed when the test
// ends.
func newRPCApacheClient(t *testing.T, addr string) *rpc.Client {
	t.Helper()
	c, err := rpc.NewClient("tcp", addr, rpc.WithTransport(rpc.Framed), rpc.WithPoolSize(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("closing the rpc client: %v", err)
		}
	})
	return c
}

// rpcEchoes makes one Echo call through c and checks that it returns the
// request made with seed.
func rpcEchoes(ctx context.Context, t *testing.T, c *rpc.Client, seed int) {
	t.Helper()
	req := newApacheEchoRequest(seed, rpcapache.Outcome_Echo)
	got, err := apacheEchoMethod.Call(ctx, c, req)
	if err != nil {
		t.Fatalf("Echo %d: %v", seed, err)
	}
	if d := Diff(got, req); d != "" {
		t.Fatalf("Echo %d returned another value: %s", seed, d)
	}
}

// wantRPCAppError checks that err is a *protocol.ApplicationError of type
// typ whose message contains text.
func wantRPCAppError(t *testing.T, err error, typ protocol.ApplicationErrorType, text string) {
	t.Helper()
	var appErr *protocol.ApplicationError
	if !errors.As(err, &appErr) {
		t.Fatalf("got %v (%T), want a *protocol.ApplicationError", err, err)
	}
	if appErr.Type != typ {
		t.Errorf("ApplicationError type %v (%q), want %v", appErr.Type, appErr.Message, typ)
	}
	if !strings.Contains(appErr.Message, text) {
		t.Errorf("ApplicationError message %q does not mention %q", appErr.Message, text)
	}
}
