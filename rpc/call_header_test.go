package rpc

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// startHeaderServer serves echo with handle, and returns a client factory
// for its address and a stop function.
func startHeaderServer(t *testing.T, handle func(ctx context.Context, req *EchoRequest) (*EchoResponse, error)) func(opts ...Option) *Client {
	t.Helper()
	srv := NewServer()
	Handle(srv, echoMethod, handle)
	ln := listen(t, "tcp")
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		if err := srv.Shutdown(callCtx(t)); err != nil {
			t.Error(err)
		}
		if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
			t.Error(err)
		}
	})
	return func(opts ...Option) *Client {
		c, err := NewClient("tcp", ln.Addr().String(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
}

// A caller's deadline travels in the TTHeader, as Kitex sends it, and the
// handler's context ends when the caller stops waiting; framed calls carry
// none.
func TestCallerTimeoutReachesTheHandler(t *testing.T) {
	cancelled, release := make(chan struct{}, 1), make(chan struct{})
	client := startHeaderServer(t, func(ctx context.Context, req *EchoRequest) (*EchoResponse, error) {
		if req.Msg == "wait" {
			<-ctx.Done()
			cancelled <- struct{}{}
			<-release // answer only after the caller gave up
			return &EchoResponse{}, nil
		}
		th, _ := TTHeaderFromContext(ctx)
		resp := &EchoResponse{Msg: "none"}
		if th != nil {
			resp.Msg = th.IntInfo[protocol.TTHeaderKeyRPCTimeout]
		}
		if deadline, ok := ctx.Deadline(); ok {
			resp.ID = time.Until(deadline).Milliseconds()
		}
		return resp, nil
	})
	t.Cleanup(func() { close(release) }) // before the server shuts down
	tt, framed := client(WithTransport(TTHeader)), client()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := echoMethod.Call(ctx, tt, &EchoRequest{Msg: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := strconv.Atoi(resp.Msg); err != nil || ms <= 0 || ms > 5000 {
		t.Fatalf("the header carried %q ms, want (0, 5000]", resp.Msg)
	}
	if resp.ID <= 0 || resp.ID > 5000 {
		t.Fatalf("the handler's context has %d ms left, want (0, 5000]", resp.ID)
	}
	if resp, err := echoMethod.Call(context.Background(), tt, &EchoRequest{Msg: "x"}); err != nil || resp.Msg != "" || resp.ID != 0 {
		t.Fatalf("without a deadline: %+v, %v", resp, err)
	}
	if resp, err := echoMethod.Call(ctx, framed, &EchoRequest{Msg: "x"}); err != nil || resp.Msg != "none" || resp.ID != 0 {
		t.Fatalf("framed: %+v, %v", resp, err)
	}

	short, cancelShort := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancelShort()
	if _, err := echoMethod.Call(short, tt, &EchoRequest{Msg: "wait"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a call that outlives its deadline: %v", err)
	}
	select {
	case <-cancelled:
	case <-time.After(patience):
		t.Fatal("the handler's context did not end after the caller's timeout")
	}
}

// Metadata given for one call joins the client's, winning on the same key,
// and leaves the client's own maps as they were.
func TestCallTTHeaderInfo(t *testing.T) {
	client := startHeaderServer(t, func(ctx context.Context, req *EchoRequest) (*EchoResponse, error) {
		th, _ := TTHeaderFromContext(ctx)
		return &EchoResponse{Msg: th.IntInfo[protocol.TTHeaderKeyFromService] + "/" + th.IntInfo[protocol.TTHeaderKeyToMethod] +
			"/" + th.StrInfo["a"] + "/" + th.StrInfo["b"]}, nil
	})
	c := client(WithTransport(TTHeader), WithTTHeaderInfo(map[uint16]string{protocol.TTHeaderKeyFromService: "svc"}, map[string]string{"a": "client"}))
	ctx := WithCallTTHeaderInfo(context.Background(), map[uint16]string{protocol.TTHeaderKeyToMethod: "Echo"}, map[string]string{"a": "call"})
	ctx = WithCallTTHeaderInfo(ctx, nil, map[string]string{"b": "inner"})
	for _, tc := range []struct {
		ctx  context.Context
		want string
	}{
		{ctx, "svc/Echo/call/inner"},
		{context.Background(), "svc//client/"},
	} {
		if resp, err := echoMethod.Call(tc.ctx, c, &EchoRequest{}); err != nil || resp.Msg != tc.want {
			t.Fatalf("got %+v, %v; want %q", resp, err, tc.want)
		}
	}
}
