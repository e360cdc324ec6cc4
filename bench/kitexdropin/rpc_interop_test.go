package kitexdropin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/cloudwego/kitex/client"
	"github.com/cloudwego/kitex/pkg/remote/codec/thrift"
	"github.com/cloudwego/kitex/pkg/rpcinfo"
	"github.com/cloudwego/kitex/pkg/transmeta"
	"github.com/cloudwego/kitex/server"
	"github.com/cloudwego/kitex/transport"

	"github.com/frugaljit/frugal/rpc"
	"github.com/frugaljit/frugal/rpc/protocol"

	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/baseline"
	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/echo"
	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/echo/echoservice"
)

// echoMethod is the Kitex service's Echo for this repository's rpc package,
// on the structs the kitex tool generated.
var echoMethod = rpc.MustMethod[echo.EchoServiceEchoArgs, echo.EchoServiceEchoResult, baseline.Nesting2, baseline.Nesting2]("Echo")

// kitexTransports are the transports both sides are tested over.
var kitexTransports = []struct {
	name  string
	kitex transport.Protocol
	rpc   rpc.Transport
}{
	{"framed", transport.Framed, rpc.Framed},
	{"ttheader", transport.TTHeaderFramed, rpc.TTHeader},
}

// TestKitexClientCallsRPCServer has Kitex v0.16.3 clients call this
// repository's rpc server over framed and TTHeader transports, with one
// connection per call in flight (Kitex's default pool) and multiplexed over
// one connection (Kitex's mux client, which takes replies out of order).
func TestKitexClientCallsRPCServer(t *testing.T) {
	addr, seen := startRPCServer(t)
	// ClientTTHeaderHandler makes Kitex write its metadata (INFO_INTKEYVALUE)
	// into the TTHeader; without it the info is empty.
	meta := client.WithMetaHandler(transmeta.ClientTTHeaderHandler)
	clients := map[string][]client.Option{
		"framed":       {client.WithTransportProtocol(transport.Framed)},
		"ttheader":     {client.WithTransportProtocol(transport.TTHeaderFramed), meta},
		"ttheader mux": {client.WithTransportProtocol(transport.TTHeaderFramed), meta, client.WithMuxConnection(1)},
	}
	for name, opts := range clients {
		t.Run(name, func(t *testing.T) {
			opts = append(opts, client.WithHostPorts(addr), client.WithRPCTimeout(5*time.Second),
				client.WithPayloadCodec(thrift.NewThriftCodecWithConfig(thrift.FrugalRead|thrift.FrugalWrite)))
			cli, err := echoservice.NewClient("echo-dest", opts...)
			if err != nil {
				t.Fatal(err)
			}
			concurrentEchoes(t, func(ctx context.Context, req *baseline.Nesting2) (*baseline.Nesting2, error) {
				return cli.Echo(ctx, req)
			})
			// Over TTHeader, the handler read Kitex's INFO_INTKEYVALUE: the
			// destination service and the method, under Kitex's keys.
			want := "echo-dest.Echo"
			if name == "framed" {
				want = "framed"
			}
			checkAll(t, seen, want)
		})
	}
}

// TestRPCClientCallsKitexServer has this repository's rpc client call a
// Kitex v0.16.3 server over framed and TTHeader transports, with concurrent
// calls multiplexed over one connection, and checks that the Kitex server
// read the TTHeader metadata the client sent.
func TestRPCClientCallsKitexServer(t *testing.T) {
	addr, from := startKitexServer(t)
	for _, tr := range kitexTransports {
		t.Run(tr.name, func(t *testing.T) {
			info := map[uint16]string{protocol.TTHeaderKeyFromService: "frugal-rpc"}
			c, err := rpc.NewClient("tcp", addr, rpc.WithTransport(tr.rpc), rpc.WithPoolSize(1),
				rpc.WithTTHeaderInfo(info, nil))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			concurrentEchoes(t, func(ctx context.Context, req *baseline.Nesting2) (*baseline.Nesting2, error) {
				return echoMethod.Call(ctx, c, req)
			})
			want := ""
			if tr.rpc == rpc.TTHeader {
				want = "frugal-rpc"
			}
			checkAll(t, from, want)
		})
	}
}

// checkAll checks that every value the calls left in ch is want, and that
// they left some. Handlers send before they return, so after the calls have
// returned, the values are there to take without waiting.
func checkAll(t *testing.T, ch <-chan string, want string) {
	t.Helper()
	if len(ch) == 0 {
		t.Fatal("no call reached the handler")
	}
	for len(ch) > 0 {
		if got := <-ch; got != want {
			t.Fatalf("the handler saw %q, want %q", got, want)
		}
	}
}

// echoCalls is how many calls concurrentEchoes makes.
const echoCalls = 16

// concurrentEchoes makes echoCalls concurrent Echo calls through call and
// checks that each gets its own value back.
func concurrentEchoes(t *testing.T, call func(context.Context, *baseline.Nesting2) (*baseline.Nesting2, error)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	errs := make(chan error, echoCalls)
	var wg sync.WaitGroup
	for i := range echoCalls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := newNesting2()
			req.I32 = int32(i)
			got, err := call(ctx, req)
			switch {
			case err != nil:
				errs <- fmt.Errorf("call %d: %w", i, err)
			case !equalNesting2(got, req):
				errs <- fmt.Errorf("call %d: got back a different value (I32 %d)", i, got.I32)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// startRPCServer serves Echo with this repository's rpc server and returns
// its address and a channel that gets, per call, the ToService and ToMethod
// from the call's TTHeader ("service.method"), or "framed". The server is
// shut down when the test ends.
func startRPCServer(t *testing.T) (string, <-chan string) {
	t.Helper()
	seen := make(chan string, 1024)
	srv := rpc.NewServer()
	rpc.Handle(srv, echoMethod, func(ctx context.Context, req *baseline.Nesting2) (*baseline.Nesting2, error) {
		if th, ok := rpc.TTHeaderFromContext(ctx); ok {
			seen <- th.IntInfo[protocol.TTHeaderKeyToService] + "." + th.IntInfo[protocol.TTHeaderKeyToMethod]
		} else {
			seen <- "framed"
		}
		return req, nil
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
	return ln.Addr().String(), seen
}

// fromHandler is the echo service for a Kitex server that reports, per
// call, the caller's service name as Kitex read it from the TTHeader.
type fromHandler struct{ from chan string }

func (h *fromHandler) Echo(ctx context.Context, req *baseline.Nesting2) (*baseline.Nesting2, error) {
	h.from <- rpcinfo.GetRPCInfo(ctx).From().ServiceName()
	return req, nil
}

func (h *fromHandler) BreakRequest(_ context.Context, req *baseline.Simple) (*baseline.Simple, error) {
	return req, nil
}

func (h *fromHandler) BreakResponse(_ context.Context, req *baseline.Simple) (*baseline.Simple, error) {
	return req, nil
}

// startKitexServer runs a Kitex echo server with the frugal codec and
// returns its address and the channel of callers' service names.
func startKitexServer(t *testing.T) (string, <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &fromHandler{from: make(chan string, 1024)}
	// ServerTTHeaderHandler makes Kitex read the caller's metadata from the
	// TTHeader into its rpcinfo.
	srv := echoservice.NewServer(h, server.WithListener(ln), frugalCodec(),
		server.WithMetaHandler(transmeta.ServerTTHeaderHandler),
		server.WithExitWaitTime(10*time.Millisecond))
	done := make(chan error, 1)
	go func() { done <- srv.Run() }()
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("server Stop: %v", err)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("server Run did not return after Stop")
		}
	})
	return ln.Addr().String(), h.from
}
