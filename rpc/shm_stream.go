package rpc

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cloudwego/shmipc-go"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// shmStream is a shmipc stream used as one connection: any goroutine writes
// whole frames to it, and one goroutine, its reader, reads them.
//
// Closing is a protocol, because shmipc v0.2.0 frees memory under
// goroutines that still use it. Stream.Close frees the read buffer without
// waiting for a goroutine blocked reading it; Session.Close does the same to
// every stream it still holds, and then unmaps the queue that a stream's
// last messages (its close notice among them) are still going through; the
// callback mode (Stream.SetCallbacks) races on every message. The race
// detector reports each of these, and they can corrupt memory. So:
//
//   - Only a stream's reader closes the stream, when it stops reading.
//   - A side asks for an end with an empty frame (end), which Thrift never
//     sends. From the client it means "close this stream": the server's
//     reader closes its end, the client's reader then sees end of stream
//     and closes its own. From the server it means "this session is
//     ending": the client's reader fails its calls and closes its end.
//   - A side's set of readers (shmReaders) closes before its session does:
//     a stream that arrives later gets no reader, and the session's close
//     closes it untouched.
//   - Only the client closes a session, once its readers are gone; when the
//     server runs in the same process (shmServerSides), it then closes the
//     server's side too, once that side's readers are gone: a session closed
//     by the peer is torn down by shmipc's event loop with nothing to order
//     it after this side's goroutines. The server closes a session itself
//     only when its client has not, shmCloseTimeout after being asked.
//
// A peer that dies (a crash) leaves the races to shmipc, on streams that are
// gone anyway.
type shmStream struct {
	stream *shmipc.Stream

	mu     sync.Mutex // writes whole frames one at a time, and excludes them from close
	closed bool       // under mu
	ending atomic.Bool
}

// errStreamEnded is what the reader gets from an empty frame: the peer asks
// for an end (see shmStream).
var errStreamEnded = errors.New("the peer ended the stream")

// errShmStreamClosed is what writes to a closed stream get.
var errShmStreamClosed = errors.New("shmipc stream closed")

// emptyFrame is the frame that ends a stream: a length of zero.
var emptyFrame [protocol.FrameHeaderSize]byte

func newShmStream(s *shmipc.Stream) *shmStream { return &shmStream{stream: s} }

// Write sends one whole frame: it copies p into shared memory and tells the
// peer (frameWriter explains the copy). A write does not wait long: shmipc
// retries a full queue for about 100 ms, and bounds its socket writes with
// the session's ConnectionWriteTimeout.
func (s *shmStream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, errShmStreamClosed
	}
	return s.stream.Write(p)
}

// IsActive reports whether the stream may carry new calls: not ended, not
// closed by either side, and its session alive.
func (s *shmStream) IsActive() bool {
	return !s.ending.Load() && s.stream.IsOpen() && !s.stream.Session().IsClosed()
}

// Close ends the stream (see end); the reader closes it once the peer has.
func (s *shmStream) Close() error {
	s.end()
	return nil
}

// end asks the peer to close the stream, once: the empty frame goes after
// every frame written before it.
func (s *shmStream) end() {
	if s.ending.Swap(true) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		_, _ = s.stream.Write(emptyFrame[:])
	}
}

// close closes the stream. Only the reader calls it, when it stops reading.
func (s *shmStream) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	_ = s.stream.Close()
}

// readFrame waits for one whole frame and returns its payload, which is
// valid until release: in shared memory when the frame lies in one buffer
// slice, a copy when it spans several. A frame over maxSize is refused from
// its prefix alone, before its bytes are waited for. The time between
// frames is not limited; once a frame's first byte is there, the rest must
// come within timeout (if positive). The reader alone calls it.
func (s *shmStream) readFrame(maxSize int, timeout time.Duration) ([]byte, error) {
	r := s.stream.BufferReader()
	if _, err := r.Peek(1); err != nil {
		return nil, shmReadError(err)
	}
	if timeout > 0 {
		_ = s.stream.SetReadDeadline(time.Now().Add(timeout))
		defer s.stream.SetReadDeadline(time.Time{})
	}
	prefix, err := r.Peek(protocol.FrameHeaderSize)
	if err != nil {
		return nil, shmReadError(err)
	}
	size, err := protocol.ReadFrameSize(prefix, maxSize)
	if err != nil {
		return nil, err
	}
	if size == 0 {
		return nil, errStreamEnded
	}
	frame, err := r.ReadBytes(protocol.FrameHeaderSize + size)
	if err != nil {
		return nil, shmReadError(err)
	}
	return frame[protocol.FrameHeaderSize:], nil
}

// release gives back the shared memory of the frames read so far.
func (s *shmStream) release() {
	s.stream.BufferReader().ReleasePreviousRead()
}

func shmReadError(err error) error {
	if errors.Is(err, shmipc.ErrTimeout) {
		return fmt.Errorf("the rest of a frame did not come in time: %w", err)
	}
	return err
}
