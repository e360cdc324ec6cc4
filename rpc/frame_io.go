package rpc

import (
	"fmt"
	"io"
	"sync"

	"github.com/cloudwego/netpoll"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// readFrame waits for one whole frame on r and returns its payload (the bytes
// after the length prefix). The payload points into r's buffer: it stays
// valid until r.Release. A frame over maxSize is refused from its prefix
// alone, before its bytes are waited for.
func readFrame(r netpoll.Reader, maxSize int) ([]byte, error) {
	prefix, err := r.Peek(protocol.FrameHeaderSize)
	if err != nil {
		return nil, err
	}
	size, err := protocol.ReadFrameSize(prefix, maxSize)
	if err != nil {
		return nil, err
	}
	frame, err := r.Next(protocol.FrameHeaderSize + size)
	if err != nil {
		return nil, err
	}
	return frame[protocol.FrameHeaderSize:], nil
}

// frameWriter sends whole framed messages on a connection that several
// goroutines answer or call on: a netpoll connection or a shmipc stream,
// which take each frame in one Write.
//
// It encodes into a buffer of its own and hands that to Write. On netpoll,
// rather than encoding into the output buffer (Writer().Malloc): netpoll
// frees that buffer when the connection closes, which may happen at any
// moment from the poller, and only Write guards against that; Malloc outside
// netpoll's callbacks races with it. On shmipc, rather than encoding into
// reserved shared memory (BufferWriter().Reserve): a message whose encoding
// fails halfway would leave bytes there that cannot be taken back, and the
// stream would be out of step. The price is one copy of each message.
type frameWriter struct {
	mu      sync.Mutex // one frame at a time: frames must not interleave
	conn    io.Writer
	maxSize int
}

// write encodes the message and sends it whole, or sends nothing if encoding
// fails, so the stream stays well-framed for the messages that follow. With
// th nil the message goes framed; otherwise behind th, as a TTHeader frame.
func (fw *frameWriter) write(th *protocol.TTHeader, h protocol.MessageHeader, body any) error {
	var size int
	if th == nil {
		size = protocol.FramedMessageSize(h, body)
	} else {
		size = protocol.TTHeaderMessageSize(th, h, body)
	}
	if size-protocol.FrameHeaderSize > fw.maxSize {
		return fmt.Errorf("%w: %s %q needs %d bytes, limit %d",
			protocol.ErrFrameTooLarge, h.Type, h.Name, size-protocol.FrameHeaderSize, fw.maxSize)
	}
	buf := getBuffer(size)
	defer putBuffer(buf)
	var n int
	var err error
	if th == nil {
		n, err = protocol.EncodeFramedMessage(buf.b[:size], h, body)
	} else {
		n, err = protocol.EncodeTTHeaderMessage(buf.b[:size], th, h, body)
	}
	if err != nil {
		return err
	}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, err = fw.conn.Write(buf.b[:n])
	return err
}

// encodeBuffer is a reusable encoding buffer; pooled by pointer so that
// putting it back does not allocate.
type encodeBuffer struct{ b []byte }

// maxPooledBuffer keeps rare huge messages from pinning memory in the pool.
const maxPooledBuffer = 64 << 10

var bufferPool = sync.Pool{New: func() any { return new(encodeBuffer) }}

func getBuffer(size int) *encodeBuffer {
	buf := bufferPool.Get().(*encodeBuffer)
	if cap(buf.b) < size {
		buf.b = make([]byte, size)
	}
	return buf
}

func putBuffer(buf *encodeBuffer) {
	if cap(buf.b) <= maxPooledBuffer {
		bufferPool.Put(buf)
	}
}
