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
)
