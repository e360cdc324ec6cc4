package protocol

import (
	"fmt"

	"github.com/frugaljit/frugal"
)

// FramedMessageSize is the number of bytes EncodeFramedMessage writes: the
// length prefix, the header and the body struct.
func FramedMessageSize(h MessageHeader, body any) int {
	return FrameHeaderSize + h.EncodedSize() + bodySize(body)
}

// EncodeFramedMessage writes one framed message (length prefix, header with h,
// then body) into buf, which must hold FramedMessageSize(h, body) bytes. The
// body is a struct encoded with the frugal codec, or an *ApplicationError.
func EncodeFramedMessage(buf []byte, h MessageHeader, body any) (int, error) {
	n := FrameHeaderSize
	n += PutMessageHeader(buf[n:], h)
	m, err := encodeBody(buf[n:], body)
	if err != nil {
		return 0, fmt.Errorf("encoding %s %q: %w", h.Type, h.Name, err)
	}
	n += m
	PutFrameSize(buf, n-FrameHeaderSize)
	return n, nil
}

// DecodeMessage reads a header and then the body struct into body (a pointer
// to a struct) from payload, the bytes of one frame after its length prefix.
// It returns the header even when the body fails, so that a server can still
// answer the call it belongs to.
func DecodeMessage(payload []byte, body any) (MessageHeader, error) {
	h, n, err := ReadMessageHeader(payload)
	if err != nil {
		return h, err
	}
	if _, err := frugal.DecodeObject(payload[n:], body); err != nil {
		return h, fmt.Errorf("decoding %s %q: %w", h.Type, h.Name, err)
	}
	return h, nil
}

func bodySize(body any) int {
	if e, ok := body.(*ApplicationError); ok {
		return e.EncodedSize()
	}
	return frugal.EncodedSize(body)
}

func encodeBody(buf []byte, body any) (int, error) {
	if e, ok := body.(*ApplicationError); ok {
		return EncodeApplicationError(buf, e)
	}
	return frugal.EncodeObject(buf, nil, body)
}
