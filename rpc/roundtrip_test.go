package rpc

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

func TestEchoRoundTrip(t *testing.T) {
	for _, network := range networks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			payload := bytes.Repeat([]byte("0123456789abcdef"), 256) // 4 KiB, the benchmark's size
			for i := range 10 {
				req := &EchoRequest{Msg: "hello", ID: int64(i), Payload: payload}
				resp, err := echoMethod.Call(callCtx(t), c, req)
				if err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
				if resp.Msg != req.Msg || resp.ID != req.ID || !bytes.Equal(resp.Payload, payload) {
					t.Fatalf("call %d: got %+v", i, resp)
				}
			}
		})
	}
}

func TestOnewayCallRunsWithoutReply(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			if err := notifyMethod.Send(callCtx(t), c, &EchoRequest{Msg: "note", ID: 9}); err != nil {
				t.Fatal(err)
			}
			got := receive(t, ts.svc.notified)
			if got.Msg != "note" || got.ID != 9 {
				t.Fatalf("handler got %+v", got)
			}
			// The connection carries on: a oneway call left no reply behind
			// for the next call to trip over.
			if resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "after"}); err != nil || resp.Msg != "after" {
				t.Fatalf("call after oneway: %+v, %v", resp, err)
			}
		})
	}
}

func TestOnewayCallSentAsTypeCallGetsNoReply(t *testing.T) {
	// Apache Thrift's Go clients send oneway calls with message type call; the
	// server must know from the method that no reply is wanted.
	ts := startServer(t, "tcp")
	conn := ts.dialRaw(t)
	args := &EchoNotifyArgs{Req: &EchoRequest{Msg: "as call"}}
	echo := &EchoEchoArgs{Req: &EchoRequest{Msg: "next"}}
	msgs := append(frame(t, hdr("Notify", 1), args), frame(t, hdr("Echo", 2), echo)...)
	if _, err := conn.Write(msgs); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, ts.svc.notified); got.Msg != "as call" {
		t.Fatalf("handler got %+v", got)
	}
	h, _ := readMessage(t, conn)
	if h.Name != "Echo" || h.SeqID != 2 {
		t.Fatalf("first message back is %+v, want the reply to Echo (seq 2)", h)
	}
}

// AddArgs and AddResult are thriftgo's structs for `i64 Add(1: i32 a, 2: i32 b)`
// and PingArgs/PingResult for `void Ping()`: shapes Method does not describe.
type AddArgs struct {
	A int32 `thrift:"a,1" frugal:"1,default,i32"`
	B int32 `thrift:"b,2" frugal:"2,default,i32"`
}

type AddResult struct {
	Success *int64 `thrift:"success,0,optional" frugal:"0,optional,i64"`
}

type PingArgs struct{}

type PingResult struct{}

func TestHandleArgsServesOtherShapes(t *testing.T) {
	ts := startServer(t, "tcp")
	// A served call shows ts is serving, when registering on it must panic.
	if _, err := echoMethod.Call(callCtx(t), ts.client(t), &EchoRequest{Msg: "x"}); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "after Serve", func() {
		HandleArgs(ts.Server, "Late", func(context.Context, *PingArgs, *PingResult) error { return nil })
	})

	srv := NewServer()
	HandleArgs(srv, "Add", func(_ context.Context, args *AddArgs, result *AddResult) error {
		sum := int64(args.A) + int64(args.B)
		result.Success = &sum
		return nil
	})
	pinged := make(chan struct{}, 1)
	HandleArgs(srv, "Ping", func(context.Context, *PingArgs, *PingResult) error {
		pinged <- struct{}{}
		return nil
	})
	ln := listen(t, "tcp")
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer func() {
		if err := srv.Shutdown(callCtx(t)); err != nil {
			t.Error(err)
		}
		if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
			t.Error(err)
		}
	}()

	c, err := NewClient("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var result AddResult
	if err := c.Invoke(callCtx(t), "Add", &AddArgs{A: 1 << 30, B: 1 << 30}, &result); err != nil {
		t.Fatal(err)
	}
	if result.Success == nil || *result.Success != 1<<31 {
		t.Fatalf("Add returned %v", result.Success)
	}
	if err := c.Invoke(callCtx(t), "Ping", &PingArgs{}, &PingResult{}); err != nil {
		t.Fatal(err)
	}
	receive(t, pinged)
}
