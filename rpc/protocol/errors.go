package protocol

import "errors"

// Errors of malformed or oversized input. Functions of this package wrap one of
// them (test with errors.Is) and add the offending value to the message.
var (
	// ErrTruncated means the bytes end before the thing being read does.
	ErrTruncated = errors.New("thrift message truncated")
	// ErrBadVersion means a message does not start with the strict binary
	// protocol version bytes 0x80 0x01 (the only header form this package reads).
	ErrBadVersion = errors.New("thrift message has a bad protocol version")
	// ErrInvalidMessageType means a message type other than call, reply,
	// exception or oneway.
	ErrInvalidMessageType = errors.New("thrift message has an invalid type")
	// ErrNegativeSize means a length prefix (frame size or name length) below zero.
	ErrNegativeSize = errors.New("thrift message declares a negative size")
	// ErrFrameTooLarge means a frame larger than the limit the reader accepts, or
	// a message too large to send in one frame.
	ErrFrameTooLarge = errors.New("thrift frame larger than the limit")
	// ErrBadMagic means a frame read as TTHeader does not start with its magic
	// bytes 0x10 0x00.
	ErrBadMagic = errors.New("ttheader frame has a bad magic number")
	// ErrBadTTHeader means a TTHeader whose fields do not fit together: a
	// header size past the end of its frame, a protocol other than Thrift
	// binary, a transform (none is supported), an unknown info block, or
	// info that runs past the header. It also means a TTHeader too large to
	// encode (strings or counts past the format's 16-bit fields).
	ErrBadTTHeader = errors.New("ttheader frame has a malformed header")
)
