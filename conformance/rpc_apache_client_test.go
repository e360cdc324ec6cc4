package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// TestApacheClientCallsRPCServer has Apache Thrift v0.13.0 clients
// (thriftgo's default Go output, TFramedTransport, TBinaryProtocol) call
// this repository's rpc server: echoes, alone and from several connections
// at once; the declared exception; an undeclared handler error, a handler
// panic and an unknown method as TApplicationExceptions of the right type;
// and a oneway call. After each failure the same connection makes an echo,
// so the streams stayed in step.
func TestApacheClientCallsRPCServer(t *testing.T) {
	verifyNoLeaks(t)
	addr, notified := startRPCEchoServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	t.Run("echo", func(t *testing.T) {
		c := dialApacheEcho(t, addr)
		for seed := range 4 {
			apacheEchoes(ctx, t, c, seed)
		}
	})
	t.Run("concurrent connections", func(t *testing.T) {
		const conns, calls = 4, 8
		clients := make([]*rpcapache.EchoServiceClient, conns)
		for i := range clients {
			clients[i] = dialApacheEcho(t, addr)
		}
		errs := make(chan error, conns*calls)
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range calls {
					req := newApacheEchoRequest(i*calls+j, rpcapache.Outcome_Echo)
					got, err := c.Echo(ctx, req)
					if err == nil {
						if d := Diff(got, req); d != "" {
							err = errors.New(d)
						}
					}
					if err != nil {
						errs <- fmt.Errorf("connection %d call %d: %w", i, j, err)
					}
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
		c := dialApacheEcho(t, addr)
		req := newApacheEchoRequest(1, rpcapache.Outcome_Declared)
		_, err := c.Echo(ctx, req)
		var got *rpcapache.EchoError
		if !errors.As(err, &got) {
			t.Fatalf("Echo returned %v (%T), want *rpcapache.EchoError", err, err)
		}
		if d := Diff(got, apacheDeclaredError(req)); d != "" {
			t.Errorf("EchoError: %s", d)
		}
		apacheEchoes(ctx, t, c, 2)
	})
	t.Run("handler error", func(t *testing.T) {
		c := dialApacheEcho(t, addr)
		_, err := c.Echo(ctx, newApacheEchoRequest(1, rpcapache.Outcome_Undeclared))
		wantApacheAppError(t, err, thrift.INTERNAL_ERROR, errApacheUndeclared.Error())
		apacheEchoes(ctx, t, c, 2)
	})
	t.Run("handler panic", func(t *testing.T) {
		c := dialApacheEcho(t, addr)
		_, err := c.Echo(ctx, newApacheEchoRequest(1, rpcapache.Outcome_Panic))
		wantApacheAppError(t, err, thrift.INTERNAL_ERROR, "panicked")
		apacheEchoes(ctx, t, c, 2)
	})
	t.Run("unknown method", func(t *testing.T) {
		c := dialApacheEcho(t, addr)
		_, err := c.Unserved(ctx, newApacheItem(1, 0))
		wantApacheAppError(t, err, thrift.UNKNOWN_METHOD, "Unserved")
		apacheEchoes(ctx, t, c, 2)
	})
	t.Run("oneway", func(t *testing.T) {
		c := dialApacheEcho(t, addr)
		item := newApacheItem(3, 1)
		if err := c.Notify(ctx, item); err != nil {
			t.Fatalf("Notify: %v", err)
		}
		wantNotified(t, notified, item)
		// No reply came for the oneway call: the next reply is the echo's.
		apacheEchoes(ctx, t, c, 4)
	})
}

// dialApacheEcho connects an Apache Thrift EchoService client to addr over
// TFramedTransport and TBinaryProtocol; the connection is closed when the
// test ends.
func dialApacheEcho(t *testing.T, addr string) *rpcapache.EchoServiceClient {
	t.Helper()
	sock, err := thrift.NewTSocketTimeout(addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	trans := thrift.NewTFramedTransport(sock)
	if err := trans.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := trans.Close(); err != nil {
			t.Errorf("closing the Apache client: %v", err)
		}
	})
	return rpcapache.NewEchoServiceClientFactory(trans, thrift.NewTBinaryProtocolFactoryDefault())
}

// apacheEchoes makes one Echo call through c and checks that it returns
// the request made with seed.
func apacheEchoes(ctx context.Context, t *testing.T, c *rpcapache.EchoServiceClient, seed int) {
	t.Helper()
	req := newApacheEchoRequest(seed, rpcapache.Outcome_Echo)
	got, err := c.Echo(ctx, req)
	if err != nil {
		t.Fatalf("Echo %d: %v", seed, err)
	}
	if d := Diff(got, req); d != "" {
		t.Fatalf("Echo %d returned another value: %s", seed, d)
	}
}

// wantApacheAppError checks that err is a TApplicationException of type
// typeID whose message contains text.
func wantApacheAppError(t *testing.T, err error, typeID int32, text string) {
	t.Helper()
	var appErr thrift.TApplicationException
	if !errors.As(err, &appErr) {
		t.Fatalf("got %v (%T), want a TApplicationException", err, err)
	}
	if appErr.TypeId() != typeID {
		t.Errorf("TApplicationException type %d (%v), want %d", appErr.TypeId(), appErr, typeID)
	}
	if !strings.Contains(appErr.Error(), text) {
		t.Errorf("TApplicationException %q does not mention %q", appErr.Error(), text)
	}
}

// wantNotified waits for the item a oneway Notify delivered to a server's
// handler and checks that it is want.
func wantNotified(t *testing.T, notified <-chan *rpcapache.Item, want *rpcapache.Item) {
	t.Helper()
	select {
	case got := <-notified:
		if d := Diff(got, want); d != "" {
			t.Errorf("Notify delivered another item: %s", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Notify never reached the handler")
	}
}
