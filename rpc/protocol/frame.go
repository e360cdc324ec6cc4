package protocol

import (
	"encoding/binary"
	"fmt"
)

// FrameHeaderSize is the size of the framed transport's length prefix: a
// big-endian int32 counting the bytes of the message that follows.
const FrameHeaderSize = 4

// DefaultMaxFrameSize is the frame size limit used when none is configured:
// 16 MiB, about Apache Thrift's default for its framed transport.
const DefaultMaxFrameSize = 16 << 20

// PutFrameSize writes the length prefix for a message of size bytes.
func PutFrameSize(buf []byte, size int) {
	binary.BigEndian.PutUint32(buf, uint32(size))
}

// ReadFrameSize reads the length prefix at the start of buf and checks it
// against maxSize, so that a reader rejects an oversized or negative frame
// before it waits for, or allocates, the bytes the frame declares.
func ReadFrameSize(buf []byte, maxSize int) (int, error) {
	if len(buf) < FrameHeaderSize {
		return 0, fmt.Errorf("%w: frame size needs %d bytes, have %d", ErrTruncated, FrameHeaderSize, len(buf))
	}
	size := int32(binary.BigEndian.Uint32(buf))
	if size < 0 {
		return 0, fmt.Errorf("%w: frame size %d", ErrNegativeSize, size)
	}
	if int64(size) > int64(maxSize) {
		return 0, fmt.Errorf("%w: frame of %d bytes, limit %d", ErrFrameTooLarge, size, maxSize)
	}
	return int(size), nil
}
