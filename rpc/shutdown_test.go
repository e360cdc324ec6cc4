package rpc

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestShutdownFinishesCallsInFlight(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			const calls = 4
			errs := make(chan error, calls)
			for i := range calls {
				go func() {
					_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "block", ID: int64(i)})
					errs <- err
				}()
			}
			waitBlocked(t, ts, calls, errs)

			shutdownDone := make(chan error, 1)
			go func() { shutdownDone <- ts.shutdown(callCtx(t)) }()

			// Once the server takes no new connections, it is draining.
			waitUntilRefusing(t, ts)
			select {
			case err := <-shutdownDone:
				t.Fatalf("Shutdown returned (%v) with calls still running", err)
			case <-time.After(50 * time.Millisecond):
			}

			ts.releaseBlocked()
			for range calls {
				if err := receive(t, errs); err != nil {
					t.Fatalf("a call in flight at shutdown failed: %v", err)
				}
			}
			if err := receive(t, shutdownDone); err != nil {
				t.Fatalf("Shutdown: %v", err)
			}
			if err := receive(t, ts.served); !errors.Is(err, ErrServerClosed) {
				t.Fatalf("serving returned %v", err)
			}
			ts.served <- ErrServerClosed // for the cleanup's check
			// The server closed the client's connections (over shmipc, asked
			// it to close its session); a new one finds nobody.
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "late"}); err == nil {
				t.Fatal("a call after shutdown succeeded")
			}
		})
	}
}

// waitUntilRefusing waits until a new connection to ts is closed by it.
func waitUntilRefusing(t *testing.T, ts *testServer) {
	t.Helper()
	if ts.network == "shmipc" {
		waitUntilRefusingShm(t, ts)
		return
	}
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		conn := ts.dialRaw(t)
		_ = conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		if _, err := conn.Read(make([]byte, 1)); err != nil && !isTimeout(err) {
			conn.Close()
			return
		}
		conn.Close()
	}
	t.Fatal("the server kept accepting connections during shutdown")
}

func TestShutdownDeadlineCancelsHandlersAndClosesConnections(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			callErr := blockedCall(t, ts, c)

			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			if err := ts.shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Shutdown = %v, want DeadlineExceeded", err)
			}
			// The handler saw its context cancelled; whether its error reply
			// or the closing connection (session) reached the caller first
			// is a race either may win.
			err := receive(t, callErr)
			if !errors.Is(err, ErrConnectionClosed) && !isApplicationError(err) {
				t.Fatalf("call err = %v, want a closed connection or an application error", err)
			}
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "late"}); err == nil {
				t.Fatal("a call after shutdown succeeded")
			}
		})
	}
}

func TestShutdownWithoutCallsAndServeAfterShutdown(t *testing.T) {
	ts := startServer(t, "unix")
	c := ts.client(t)
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "one"}); err != nil {
		t.Fatal(err)
	}
	if err := ts.shutdown(callCtx(t)); err != nil {
		t.Fatal(err)
	}
	ln := listen(t, "unix")
	defer ln.Close()
	if err := ts.Serve(ln); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve after Shutdown = %v, want ErrServerClosed", err)
	}
}

func TestShutdownWhileCallsKeepArriving(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, err := NewClient(ts.network, ts.addr)
					if err != nil {
						t.Error(err)
						return
					}
					defer c.Close()
					for {
						select {
						case <-stop:
							return
						default:
						}
						// Errors are expected once shutdown begins; the point
						// is that nothing hangs, panics, races or leaks.
						ctx, cancel := context.WithTimeout(context.Background(), patience)
						_, _ = echoMethod.Call(ctx, c, &EchoRequest{Msg: "busy"})
						cancel()
					}
				}()
			}
			time.Sleep(50 * time.Millisecond)
			if err := ts.shutdown(callCtx(t)); err != nil {
				t.Fatalf("Shutdown: %v", err)
			}
			close(stop)
			wg.Wait()
		})
	}
}

func TestShutdownRightAfterServeStarts(t *testing.T) {
	for range 20 {
		srv := NewServer()
		ln := listen(t, "tcp")
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		if err := srv.Shutdown(callCtx(t)); err != nil {
			t.Fatalf("Shutdown: %v", err)
		}
		if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
			t.Fatalf("Serve returned %v, want ErrServerClosed", err)
		}
	}
}
