package protocol

import (
	"errors"
	"testing"
)

func TestReadFrameSize(t *testing.T) {
	tests := []struct {
		name string
		buf  []byte
		max  int
		want int
		err  error
	}{
		{"zero", []byte{0, 0, 0, 0}, 100, 0, nil},
		{"at the limit", []byte{0, 0, 0, 100}, 100, 100, nil},
		{"one over the limit", []byte{0, 0, 0, 101}, 100, 0, ErrFrameTooLarge},
		{"largest positive size", []byte{0x7f, 0xff, 0xff, 0xff}, DefaultMaxFrameSize, 0, ErrFrameTooLarge},
		{"negative", []byte{0x80, 0, 0, 0}, DefaultMaxFrameSize, 0, ErrNegativeSize},
		{"three bytes", []byte{0, 0, 1}, 100, 0, ErrTruncated},
		{"extra bytes after the prefix are the frame's", []byte{0, 0, 1, 0, 0xff}, 1 << 10, 256, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadFrameSize(tt.buf, tt.max)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Fatalf("ReadFrameSize = %d, %v; want %d, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestPutFrameSizeIsBigEndian(t *testing.T) {
	buf := make([]byte, 4)
	PutFrameSize(buf, 0x01020304)
	if string(buf) != "\x01\x02\x03\x04" {
		t.Fatalf("got %x", buf)
	}
}
