package rpc

import (
	"fmt"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// Transport is how messages are wrapped on a connection. Both kinds start
// each message with a 4-byte length; TTHeader then adds a header of its own
// (sequence id, flags, key-value metadata) before the message.
type Transport uint8

// The transports.
const (
	// Framed is Apache Thrift's TFramedTransport: a length, then the message.
	Framed Transport = iota + 1
	// TTHeader is the header transport Kitex uses by default
	// (protocol.TTHeader): a length, a header, then the message.
	TTHeader
)

// String returns the transport's name.
func (t Transport) String() string {
	switch t {
	case Framed:
		return "framed"
	case TTHeader:
		return "ttheader"
	}
	return fmt.Sprintf("Transport(%d)", uint8(t))
}

// detectTransport tells the transport of a frame from its first bytes after
// the length: the TTHeader magic, or anything else (a binary message, or
// garbage that reading it as one reports).
func detectTransport(payload []byte) Transport {
	if protocol.IsTTHeader(payload) {
		return TTHeader
	}
	return Framed
}

// unwrap splits the payload of one frame of transport t into its TTHeader
// (nil for Framed) and the binary message after it.
func unwrap(t Transport, payload []byte) (*protocol.TTHeader, []byte, error) {
	if t != TTHeader {
		return nil, payload, nil
	}
	th, n, err := protocol.ReadTTHeader(payload)
	if err != nil {
		return nil, nil, err
	}
	msg, err := protocol.TTHeaderMessage(payload[n:])
	if err != nil {
		return nil, nil, err
	}
	return &th, msg, nil
}
