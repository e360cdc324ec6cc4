package rpc

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/frugaljit/frugal/rpc/protocol"
)

func TestShmIPCEchoRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []Option
	}{
		{"framed", nil},
		{"ttheader", []Option{WithTransport(TTHeader)}},
		{"memfd", []Option{WithShmIPCMemFd()}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := shmServer(t)
			c := ts.client(t, tt.opts...)
			for i, size := range []int{0, 100, 4096, 64 << 10, 3 << 20} { // up to several buffer slices
				payload := bytes.Repeat([]byte{byte(i + 1)}, size)
				req := &EchoRequest{Msg: "hello", ID: int64(i), Payload: payload}
				resp, err := echoMethod.Call(callCtx(t), c, req)
				if err != nil {
					t.Fatalf("call %d (%d bytes): %v", i, size, err)
				}
				if resp.Msg != req.Msg || resp.ID != req.ID || !bytes.Equal(resp.Payload, payload) {
					t.Fatalf("call %d (%d bytes): got %q, %d, %d bytes", i, size, resp.Msg, resp.ID, len(resp.Payload))
				}
			}
		})
	}
}

// TestShmIPCFilesLiveWithTheSession checks where the shared memory is: two
// files under the client's own prefix while it is open (none with memfd),
// and none once it is closed.
func TestShmIPCFilesLiveWithTheSession(t *testing.T) {
	ts := shmServer(t)
	for _, memfd := range []bool{false, true} {
		var opts []Option
		if memfd {
			opts = append(opts, WithShmIPCMemFd())
		}
		c, err := NewClient("shmipc", ts.addr, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"}); err != nil {
			t.Fatal(err)
		}
		prefix := c.dialer.(*shmDialer).prefix
		files, _ := filepath.Glob(prefix + ".*")
		if want := map[bool]int{false: 2, true: 0}[memfd]; len(files) != want {
			t.Errorf("memfd %v: files %v, want %d (a buffer and a queue without memfd)", memfd, files, want)
		}
		c.Close()
		if files, _ := filepath.Glob(prefix + "*"); len(files) != 0 {
			t.Errorf("memfd %v: files left after Close: %v", memfd, files)
		}
	}
}

func TestShmIPCMissingDevShmIsAClearError(t *testing.T) {
	saved := shmDir
	shmDir = filepath.Join(t.TempDir(), "no-shm")
	defer func() { shmDir = saved }()
	_, err := NewClient("shmipc", "/nowhere.sock")
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("no-shm")) || !bytes.Contains([]byte(err.Error()), []byte("WithShmIPCMemFd")) {
		t.Fatalf("NewClient without the shared-memory directory: %v", err)
	}
	c, err := NewClient("shmipc", "/nowhere.sock", WithShmIPCMemFd())
	if err != nil {
		t.Fatalf("with memfd, the directory is not needed: %v", err)
	}
	c.Close()
}

func TestShmIPCConcurrentCallsOnOneStream(t *testing.T) {
	ts := shmServer(t)
	c := ts.client(t, WithPoolSize(1))
	const calls = 16
	errs := make(chan error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "block", ID: int64(i)})
			if err == nil && resp.ID != int64(i) {
				err = fmt.Errorf("call %d got the reply of call %d", i, resp.ID)
			}
			errs <- err
		}()
	}
	// Every call is inside its handler at once, all on the one stream: only
	// then are they released, to be answered in any order.
	waitBlocked(t, ts, calls, errs)
	ts.releaseBlocked()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestShmIPCManyCallersOverAPool(t *testing.T) {
	ts := shmServer(t)
	c := ts.client(t, WithPoolSize(3))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				id := int64(g*1000 + i)
				resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x", ID: id})
				if err != nil || resp.ID != id {
					errs <- fmt.Errorf("call %d: %+v, %v", id, resp, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestShmIPCOnewayAndExceptions(t *testing.T) {
	ts := shmServer(t)
	c := ts.client(t, WithPoolSize(1))
	if err := notifyMethod.Send(callCtx(t), c, &EchoRequest{Msg: "note", ID: 9}); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, ts.svc.notified); got.Msg != "note" || got.ID != 9 {
		t.Fatalf("oneway handler got %+v", got)
	}
	_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "declared"})
	var echoErr *EchoError
	if !errors.As(err, &echoErr) || echoErr.Code != 42 {
		t.Fatalf("declared exception: %v", err)
	}
	_, err = echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "undeclared"})
	wantApplicationError(t, err, protocol.InternalError, "plain failure")
	for range 3 {
		_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "panic"})
		wantApplicationError(t, err, protocol.InternalError, "handler exploded")
		if resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "still here"}); err != nil || resp.Msg != "still here" {
			t.Fatalf("call after a panic: %+v, %v", resp, err)
		}
	}
	_, err = strictMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
	wantApplicationError(t, err, protocol.InternalError, "required")
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "ok"}); err != nil {
		t.Fatalf("call after a result that could not be encoded: %v", err)
	}
}
