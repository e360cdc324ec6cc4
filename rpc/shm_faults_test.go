package rpc

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

func TestShmIPCServerClosesStreamOnBadFrames(t *testing.T) {
	ts := shmServer(t, WithMaxFrameSize(4096))
	for _, tt := range []struct {
		name  string
		bytes []byte
	}{
		// Only the prefix is sent: the stream must close without the server
		// waiting for the 4097 bytes it announces.
		{"frame larger than the limit", []byte{0, 0, 0x10, 0x01}},
		{"frame of 1 GiB", []byte{0x40, 0, 0, 0}},
		{"negative frame size", []byte{0xff, 0xff, 0xff, 0xfe}},
		{"HTTP request", []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")},
		{"bad protocol version", []byte{0, 0, 0, 12, 0x80, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"name longer than the frame", []byte{0, 0, 0, 12, 0x80, 0x01, 0, 1, 0x7f, 0, 0, 0, 0, 0, 0, 1}},
		{"empty frame", []byte{0, 0, 0, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn := ts.dialRaw(t)
			if _, err := conn.Write(tt.bytes); err != nil {
				t.Fatal(err)
			}
			waitClosed(t, conn)
		})
	}
	checkStillServing(t, ts)
}

func TestShmIPCGarbageAfterAGoodCall(t *testing.T) {
	ts := shmServer(t)
	conn := ts.dialRaw(t)
	good := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "fine"}})
	if _, err := conn.Write(good); err != nil {
		t.Fatal(err)
	}
	if h, _ := readMessage(t, conn); h.SeqID != 1 || h.Type != protocol.Reply {
		t.Fatalf("reply %+v", h)
	}
	if _, err := conn.Write([]byte{0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8}); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, conn)
	checkStillServing(t, ts)
}

func TestShmIPCFrameCutShortThenDisconnect(t *testing.T) {
	ts := shmServer(t)
	whole := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "cut"}})
	for _, cut := range []int{2, protocol.FrameHeaderSize, len(whole) / 2, len(whole) - 1} {
		conn := ts.dialRaw(t)
		if _, err := conn.Write(whole[:cut]); err != nil {
			t.Fatal(err)
		}
		conn.Close()
	}
	checkStillServing(t, ts)
}

func TestShmIPCStalledFrameIsClosedAfterReadTimeout(t *testing.T) {
	ts := shmServer(t, WithReadTimeout(200*time.Millisecond))
	whole := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "stall"}})
	for _, cut := range []int{2, len(whole) - 3} { // in the prefix, in the message
		conn := ts.dialRaw(t)
		start := time.Now()
		if _, err := conn.Write(whole[:cut]); err != nil {
			t.Fatal(err)
		}
		waitClosed(t, conn)
		if took := time.Since(start); took < 150*time.Millisecond {
			t.Errorf("cut at %d: closed after %v, before the read timeout", cut, took)
		}
	}
	// The time between frames is not limited.
	c := ts.client(t, WithPoolSize(1))
	for range 2 {
		if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "slow"}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func TestShmIPCClientDisconnectsMidCall(t *testing.T) {
	ts := shmServer(t)
	conn := ts.dialRaw(t)
	call := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "block", ID: 1}})
	if _, err := conn.Write(call); err != nil {
		t.Fatal(err)
	}
	receive(t, ts.svc.blocked) // the handler is running
	conn.Close()
	ts.releaseBlocked() // its reply now goes nowhere
	checkStillServing(t, ts)
}

func TestShmIPCClientCloseFailsCallsInFlight(t *testing.T) {
	ts := shmServer(t)
	c := ts.client(t)
	callErr := make(chan error, 1)
	go func() {
		_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "block"})
		callErr <- err
	}()
	receive(t, ts.svc.blocked)
	c.Close()
	if err := receive(t, callErr); !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("err = %v, want ErrConnectionClosed", err)
	}
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"}); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("call after Close: %v, want ErrClientClosed", err)
	}
	ts.releaseBlocked()
	checkStillServing(t, ts)
}

func TestShmIPCOversizedCallBreaksOnlyItsStream(t *testing.T) {
	ts := shmServer(t, WithMaxFrameSize(4096))
	c := ts.client(t, WithPoolSize(1)) // the client's own limit is the default 16 MiB
	_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "big", Payload: make([]byte, 8192)})
	if !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("err = %v, want ErrConnectionClosed", err)
	}
	// The pool opens another stream in place of the closed one.
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "small"}); err != nil {
		t.Fatalf("call after the stream was closed: %v", err)
	}
}

func TestShmIPCCallTimesOutAndStreamStaysUsable(t *testing.T) {
	ts := shmServer(t)
	c := ts.client(t, WithPoolSize(1))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := echoMethod.Call(ctx, c, &EchoRequest{Msg: "block"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	// The late reply arrives for no one and is dropped; the next calls on
	// the same stream get their own.
	ts.releaseBlocked()
	for i := range 3 {
		resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "next", ID: int64(i)})
		if err != nil || resp.ID != int64(i) {
			t.Fatalf("call after a timeout: %+v, %v", resp, err)
		}
	}
}

func TestShmIPCDialFailureIsAnError(t *testing.T) {
	ln := listen(t, "shmipc")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := NewClient("shmipc", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"}); err == nil {
		t.Fatal("a call to a closed socket succeeded")
	}
	checkNoShmFiles(t)
}
