package protocol

import (
	"encoding/binary"
	"fmt"
)

// TTHeader is the header transport Kitex uses by default: a frame whose
// length prefix is followed by a header (magic, flags, sequence id, protocol,
// transforms, key-value info) and then the Thrift message. The layout, all
// big-endian:
//
//	LENGTH        uint32  bytes after this field (the framed transport's prefix)
//	MAGIC         uint16  0x1000
//	FLAGS         uint16
//	SEQUENCE ID   int32
//	HEADER SIZE   uint16  size of what follows, in 4-byte words
//	PROTOCOL ID   uint8   0 for Thrift binary, the only protocol read here
//	TRANSFORMS    uint8   count, then one uint8 id each (none supported here)
//	INFO ...              blocks, each a uint8 id and its data; 0 bytes pad
//	                      the header to its size
//	MESSAGE               a binary-protocol message (header, then payload struct)
//
// The info blocks are INFO_KEYVALUE (0x01: uint16 count, then pairs of
// uint16-length strings), INFO_INTKEYVALUE (0x10: uint16 count, then pairs of
// a uint16 key and a uint16-length string) and the ACL token (0x11: one
// uint16-length string).
type TTHeader struct {
	// Flags are the header's 16 flag bits, carried unchanged.
	Flags uint16
	// SeqID is the header's sequence id; Kitex writes the message's.
	SeqID int32
	// IntInfo is the INFO_INTKEYVALUE block: Kitex's metadata by uint16 key
	// (see the TTHeaderKey constants). Empty means no block.
	IntInfo map[uint16]string
	// StrInfo is the INFO_KEYVALUE block: string metadata, such as the IDL
	// service name under "isn". Empty means no block.
	StrInfo map[string]string
	// ACLToken is the INFO_ACL_TOKEN block; empty means no block.
	ACLToken string
}

// TTHeader constants of the format.
const (
	// TTHeaderMagic is the 16-bit magic that follows a TTHeader frame's
	// length prefix; a strict binary message starts with 0x8001 there instead.
	TTHeaderMagic = 0x1000
	// TTHeaderFixedSize is the size of a TTHeader's fixed fields, the length
	// prefix included: length, magic, flags, sequence id, header size.
	TTHeaderFixedSize = 14
	// TTHeaderProtocolBinary is the protocol id of Thrift's binary protocol.
	TTHeaderProtocolBinary = 0x00
	// MaxTTHeaderInfoSize is the largest variable part of a header: its size
	// field counts 4-byte words in 16 bits.
	MaxTTHeaderInfoSize = 4 * 0xffff
)

// TTHeaderFlagSupportOutOfOrder is the flag a Kitex client sets when it
// takes replies in any order (a multiplexed connection).
const TTHeaderFlagSupportOutOfOrder = 0x0001

// The info block ids of a TTHeader.
const (
	ttInfoPadding     = 0x00
	ttInfoKeyValue    = 0x01
	ttInfoIntKeyValue = 0x10
	ttInfoACLToken    = 0x11
)

// Keys of TTHeader.IntInfo that Kitex reads and writes.
const (
	TTHeaderKeyTransportType uint16 = 1
	TTHeaderKeyFromService   uint16 = 3
	TTHeaderKeyToService     uint16 = 6
	TTHeaderKeyToMethod      uint16 = 9
	TTHeaderKeyRPCTimeout    uint16 = 12 // milliseconds, in decimal
	TTHeaderKeyFromMethod    uint16 = 20
	TTHeaderKeyMsgType       uint16 = 22 // the message type, in decimal
)

// IsTTHeader reports whether payload, the bytes of a frame after its length
// prefix, starts with the TTHeader magic rather than a binary message.
func IsTTHeader(payload []byte) bool {
	return len(payload) >= 2 && binary.BigEndian.Uint16(payload) == TTHeaderMagic
}

// infoSize is the header's variable part as written: protocol id, transform
// count and info blocks, padded to a multiple of 4.
func (h *TTHeader) infoSize() int {
	n := 2 + infoBlocksSize(h)
	return (n + 3) &^ 3
}

// EncodedSize is the number of bytes PutTTHeader writes for h: the length
// prefix, the fixed fields and the padded info.
func (h *TTHeader) EncodedSize() int { return TTHeaderFixedSize + h.infoSize() }

// PutTTHeader writes h at the start of buf, which must hold h.EncodedSize()
// bytes, for a frame whose message takes messageSize bytes, and returns the
// number of bytes written. It writes nothing and returns an error wrapping
// ErrBadTTHeader if h does not fit the format's 16-bit sizes and counts.
func PutTTHeader(buf []byte, h *TTHeader, messageSize int) (int, error) {
	if err := checkInfo(h); err != nil {
		return 0, err
	}
	info := h.infoSize()
	if info > MaxTTHeaderInfoSize {
		return 0, fmt.Errorf("%w: %d bytes of info, at most %d", ErrBadTTHeader, info, MaxTTHeaderInfoSize)
	}
	size := TTHeaderFixedSize + info
	_ = buf[size-1]
	PutFrameSize(buf, size-FrameHeaderSize+messageSize)
	binary.BigEndian.PutUint16(buf[4:], TTHeaderMagic)
	binary.BigEndian.PutUint16(buf[6:], h.Flags)
	binary.BigEndian.PutUint32(buf[8:], uint32(h.SeqID))
	binary.BigEndian.PutUint16(buf[12:], uint16(info/4))
	buf[14] = TTHeaderProtocolBinary
	buf[15] = 0 // no transforms
	n := 16 + putInfoBlocks(buf[16:], h)
	clear(buf[n:size]) // padding
	return size, nil
}

// ReadTTHeader reads a TTHeader from payload, the bytes of one frame after
// its length prefix, and returns it with the number of bytes it took; the
// binary message starts right after. Every size is checked against payload,
// so a malformed header is an error (ErrTruncated, ErrBadMagic or
// ErrBadTTHeader) and never a panic or a large allocation.
func ReadTTHeader(payload []byte) (TTHeader, int, error) {
	h, n, err := readTTHeader(payload)
	if err != nil {
		return TTHeader{}, 0, err
	}
	return h, n, nil
}

func readTTHeader(payload []byte) (TTHeader, int, error) {
	var h TTHeader
	const fixed = TTHeaderFixedSize - FrameHeaderSize
	if len(payload) < fixed {
		return h, 0, fmt.Errorf("%w: ttheader needs %d bytes after the length, have %d", ErrTruncated, fixed, len(payload))
	}
	if magic := binary.BigEndian.Uint16(payload); magic != TTHeaderMagic {
		return h, 0, fmt.Errorf("%w: %#04x, want %#04x", ErrBadMagic, magic, TTHeaderMagic)
	}
	h.Flags = binary.BigEndian.Uint16(payload[2:])
	h.SeqID = int32(binary.BigEndian.Uint32(payload[4:]))
	infoSize := 4 * int(binary.BigEndian.Uint16(payload[8:]))
	if infoSize < 4 {
		return h, 0, fmt.Errorf("%w: header size 0, but the protocol id needs a word", ErrBadTTHeader)
	}
	if infoSize > len(payload)-fixed {
		return h, 0, fmt.Errorf("%w: header of %d bytes past the end of a %d-byte frame",
			ErrBadTTHeader, infoSize, len(payload)+FrameHeaderSize)
	}
	info := payload[fixed : fixed+infoSize]
	if info[0] != TTHeaderProtocolBinary {
		return h, 0, fmt.Errorf("%w: protocol id %#02x, only Thrift binary (0) is supported", ErrBadTTHeader, info[0])
	}
	if info[1] != 0 {
		return h, 0, fmt.Errorf("%w: %d transforms, none is supported", ErrBadTTHeader, info[1])
	}
	if err := readInfoBlocks(info[2:], &h); err != nil {
		return h, 0, err
	}
	return h, fixed + infoSize, nil
}

// TTHeaderMessage returns the binary message in rest, the bytes of a frame
// after its TTHeader. Kitex writes the message there bare, or, for its
// TTHeaderFramed transport (a Kitex client's usual choice), framed again
// with a length of its own; that inner length must cover exactly the bytes
// that are left, or the error wraps ErrBadTTHeader.
func TTHeaderMessage(rest []byte) ([]byte, error) {
	if len(rest) < FrameHeaderSize+2 || binary.BigEndian.Uint16(rest) == version1>>16 ||
		binary.BigEndian.Uint16(rest[FrameHeaderSize:]) != version1>>16 {
		return rest, nil // bare, or not a binary message at all: ReadMessageHeader says which
	}
	inner := binary.BigEndian.Uint32(rest)
	if int64(inner) != int64(len(rest)-FrameHeaderSize) {
		return nil, fmt.Errorf("%w: inner frame of %d bytes in the %d bytes after the header",
			ErrBadTTHeader, inner, len(rest)-FrameHeaderSize)
	}
	return rest[FrameHeaderSize:], nil
}
