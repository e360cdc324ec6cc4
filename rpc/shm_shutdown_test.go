package rpc

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

// waitUntilRefusingShm waits until a new client of ts gets its session
// ended at once: a call fails, and not for want of time (a session opened
// just before the drain is served, but its calls are not run).
func waitUntilRefusingShm(t *testing.T, ts *testServer) {
	t.Helper()
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c, err := NewClient("shmipc", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, err = echoMethod.Call(ctx, c, &EchoRequest{Msg: "probe"})
		cancel()
		c.Close()
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return
		}
	}
	t.Fatal("the server kept opening sessions during shutdown")
}

// TestShmIPCClientOutlivesTheServer checks that a client whose server shut
// down opens a new session with the next server on the same socket path.
func TestShmIPCClientOutlivesTheServer(t *testing.T) {
	first := shmServer(t)
	c := first.client(t)
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "first"}); err != nil {
		t.Fatal(err)
	}
	first.stop(t)
	first.served <- ErrServerClosed // for the cleanup's check

	ln, err := net.Listen("unix", first.addr)
	if err != nil {
		t.Fatal(err)
	}
	second := NewServer()
	svc := newEchoService()
	Handle(second, echoMethod, svc.Echo)
	served := make(chan error, 1)
	go func() { served <- second.ServeShmIPC(ln) }()
	defer func() {
		c.Close()
		if err := second.Shutdown(callCtx(t)); err != nil {
			t.Error(err)
		}
		if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
			t.Error(err)
		}
	}()
	resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "second"})
	if err != nil || resp.Msg != "second" {
		t.Fatalf("call to the second server: %+v, %v", resp, err)
	}
}

func TestShmIPCServeArguments(t *testing.T) {
	srv := NewServer()
	tcp := listen(t, "tcp")
	if err := srv.ServeShmIPC(tcp); err == nil {
		t.Fatal("ServeShmIPC took a TCP listener")
	}
	if err := srv.Shutdown(callCtx(t)); err != nil {
		t.Fatal(err)
	}
	ln := listen(t, "shmipc")
	if err := srv.ServeShmIPC(ln); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("ServeShmIPC after Shutdown = %v, want ErrServerClosed", err)
	}
}

// TestShmIPCBesideServe serves one server over TCP and shared memory at once.
func TestShmIPCBesideServe(t *testing.T) {
	ts := shmServer(t)
	tcp := listen(t, "tcp")
	served := make(chan error, 1)
	go func() { served <- ts.Serve(tcp) }()
	c, err := NewClient("tcp", tcp.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, c := range []*Client{c, ts.client(t)} {
		if resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "both"}); err != nil || resp.Msg != "both" {
			t.Fatalf("%+v, %v", resp, err)
		}
	}
	c.Close()
	ts.stop(t)
	ts.served <- ErrServerClosed // for the cleanup's check
	if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve returned %v", err)
	}
}
