package kitexdropin

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudwego/kitex/client"
	"github.com/cloudwego/kitex/pkg/remote/codec/thrift"
	"github.com/cloudwego/kitex/server"
	"github.com/cloudwego/kitex/transport"

	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/baseline"
	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/echo/echoservice"
)

// handler implements the echo service and counts the calls that reached it.
type handler struct{ calls atomic.Int64 }

func (h *handler) Echo(_ context.Context, req *baseline.Nesting2) (*baseline.Nesting2, error) {
	h.calls.Add(1)
	return req, nil
}

func (h *handler) BreakRequest(_ context.Context, req *baseline.Simple) (*baseline.Simple, error) {
	h.calls.Add(1)
	return req, nil
}

func (h *handler) BreakResponse(_ context.Context, req *baseline.Simple) (*baseline.Simple, error) {
	h.calls.Add(1)
	return req, nil
}

// frugalCodec is Kitex's Thrift codec told to use frugal for reading and
// writing, as a Kitex user switching to frugal configures it.
func frugalCodec() server.Option {
	return server.WithPayloadCodec(thrift.NewThriftCodecWithConfig(thrift.FrugalRead | thrift.FrugalWrite))
}

// startEcho runs an echo server with the frugal codec on a loopback port and
// returns a client for it, also with the frugal codec and TTHeader framing
// (so that the payload length is known and Kitex reads with frugal directly).
// The server is stopped when the test ends, and the test fails if it does
// not stop cleanly.
func startEcho(t *testing.T) (echoservice.Client, *handler) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := new(handler)
	srv := echoservice.NewServer(h, server.WithListener(ln), frugalCodec(),
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
	cli, err := echoservice.NewClient("echo",
		client.WithHostPorts(ln.Addr().String()),
		client.WithPayloadCodec(thrift.NewThriftCodecWithConfig(thrift.FrugalRead|thrift.FrugalWrite)),
		client.WithTransportProtocol(transport.TTHeaderFramed),
		client.WithRPCTimeout(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return cli, h
}
