package protocol

import "fmt"

// TTHeaderMessageSize is the number of bytes EncodeTTHeaderMessage writes:
// the TTHeader (length prefix included), the message header and the body.
func TTHeaderMessageSize(th *TTHeader, h MessageHeader, body any) int {
	return th.EncodedSize() + h.EncodedSize() + bodySize(body)
}

// EncodeTTHeaderMessage writes one TTHeader frame (th, then a message with
// header h and body) into buf, which must hold TTHeaderMessageSize(th, h,
// body) bytes. The body is a struct encoded with the frugal codec, or an
// *ApplicationError. th.SeqID is written as given; Kitex expects it to equal
// h.SeqID.
func EncodeTTHeaderMessage(buf []byte, th *TTHeader, h MessageHeader, body any) (int, error) {
	start := th.EncodedSize()
	n := start + PutMessageHeader(buf[start:], h)
	m, err := encodeBody(buf[n:], body)
	if err != nil {
		return 0, fmt.Errorf("encoding %s %q: %w", h.Type, h.Name, err)
	}
	n += m
	if _, err := PutTTHeader(buf, th, n-start); err != nil {
		return 0, err
	}
	return n, nil
}
