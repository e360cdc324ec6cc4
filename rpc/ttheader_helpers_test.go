package rpc

import (
	"net"
	"testing"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// ttFrame returns a whole TTHeader frame, as a Kitex client would send it.
func ttFrame(t *testing.T, th *protocol.TTHeader, h protocol.MessageHeader, body any) []byte {
	t.Helper()
	buf := make([]byte, protocol.TTHeaderMessageSize(th, h, body))
	n, err := protocol.EncodeTTHeaderMessage(buf, th, h, body)
	if err != nil {
		t.Fatal(err)
	}
	return buf[:n]
}

// readTTMessage reads one TTHeader frame from a raw connection and returns
// its header, its message header and the body bytes.
func readTTMessage(t *testing.T, conn net.Conn) (protocol.TTHeader, protocol.MessageHeader, []byte) {
	t.Helper()
	prefix := make([]byte, protocol.FrameHeaderSize)
	if _, err := readFull(conn, prefix); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	size, err := protocol.ReadFrameSize(prefix, protocol.DefaultMaxFrameSize)
	if err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, size)
	if _, err := readFull(conn, payload); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	th, n, err := protocol.ReadTTHeader(payload)
	if err != nil {
		t.Fatal(err)
	}
	h, m, err := protocol.ReadMessageHeader(payload[n:])
	if err != nil {
		t.Fatal(err)
	}
	return th, h, payload[n+m:]
}
