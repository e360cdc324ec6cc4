package rpc

import (
	"bytes"
	"path/filepath"
	"testing"
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
