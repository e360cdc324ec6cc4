package protocol

import (
	"encoding/binary"
	"fmt"
)

// MessageType says what a message is: a call, its reply, an exception in place
// of a reply, or a call that expects no reply. The values are Thrift's.
type MessageType uint8

// The message types of Thrift's TMessageType.
const (
	Call      MessageType = 1
	Reply     MessageType = 2
	Exception MessageType = 3
	Oneway    MessageType = 4
)

// String returns the IDL-style name of the type.
func (t MessageType) String() string {
	switch t {
	case Call:
		return "call"
	case Reply:
		return "reply"
	case Exception:
		return "exception"
	case Oneway:
		return "oneway"
	}
	return fmt.Sprintf("MessageType(%d)", uint8(t))
}

// Valid reports whether t is one of the four types Thrift defines.
func (t MessageType) Valid() bool { return t >= Call && t <= Oneway }

// versionMask selects the version bits of the first word of a strict header;
// version1 is the strict binary protocol's version in those bits. The low byte
// holds the message type; the byte between is unused and ignored on read, as
// Apache Thrift ignores it.
const (
	versionMask = 0xffff0000
	version1    = 0x80010000
)

// MessageHeader is what precedes the payload struct of every message: the
// method name, the message type and the sequence id that pairs a reply with
// its call.
type MessageHeader struct {
	Name  string
	Type  MessageType
	SeqID int32
}

// EncodedSize is the number of bytes PutMessageHeader writes for h.
func (h MessageHeader) EncodedSize() int { return 4 + 4 + len(h.Name) + 4 }

// PutMessageHeader writes h in the strict binary form (version word, name,
// sequence id) at the start of buf, which must hold h.EncodedSize() bytes, and
// returns the number of bytes written.
func PutMessageHeader(buf []byte, h MessageHeader) int {
	_ = buf[h.EncodedSize()-1] // one bounds check for the whole header
	binary.BigEndian.PutUint32(buf, version1|uint32(h.Type))
	binary.BigEndian.PutUint32(buf[4:], uint32(len(h.Name)))
	n := 8 + copy(buf[8:], h.Name)
	binary.BigEndian.PutUint32(buf[n:], uint32(h.SeqID))
	return n + 4
}

// ReadMessageHeader reads a strict binary message header from the start of
// buf and returns it with the number of bytes it took. The payload struct
// starts right after.
func ReadMessageHeader(buf []byte) (MessageHeader, int, error) {
	var h MessageHeader
	if len(buf) < 8 {
		return h, 0, fmt.Errorf("%w: message header needs at least 8 bytes, have %d", ErrTruncated, len(buf))
	}
	word := binary.BigEndian.Uint32(buf)
	if word&versionMask != version1 {
		return h, 0, fmt.Errorf("%w: first word %#08x", ErrBadVersion, word)
	}
	h.Type = MessageType(word & 0xff)
	if !h.Type.Valid() {
		return h, 0, fmt.Errorf("%w: %d", ErrInvalidMessageType, uint8(h.Type))
	}
	nameLen := int32(binary.BigEndian.Uint32(buf[4:]))
	if nameLen < 0 {
		return h, 0, fmt.Errorf("%w: method name length %d", ErrNegativeSize, nameLen)
	}
	// Compare in int64 so that a name length near 2^31 cannot overflow the sum.
	end := int64(8) + int64(nameLen) + 4
	if end > int64(len(buf)) {
		return h, 0, fmt.Errorf("%w: message header with a %d-byte name needs %d bytes, have %d",
			ErrTruncated, nameLen, end, len(buf))
	}
	h.Name = string(buf[8 : 8+nameLen])
	h.SeqID = int32(binary.BigEndian.Uint32(buf[8+nameLen:]))
	return h, int(end), nil
}
