package protocol

import (
	"bytes"
	"errors"
	"testing"
)

// echoCallHeader is a strict binary header for call "Echo" with sequence id 7,
// written out byte by byte from the Thrift binary protocol specification.
var echoCallHeader = []byte{
	0x80, 0x01, 0x00, 0x01, // version 1, type call
	0x00, 0x00, 0x00, 0x04, 'E', 'c', 'h', 'o', // name
	0x00, 0x00, 0x00, 0x07, // sequence id
}

func TestPutMessageHeaderWritesStrictBinaryBytes(t *testing.T) {
	h := MessageHeader{Name: "Echo", Type: Call, SeqID: 7}
	buf := make([]byte, h.EncodedSize())
	if n := PutMessageHeader(buf, h); n != len(echoCallHeader) {
		t.Fatalf("PutMessageHeader wrote %d bytes, want %d", n, len(echoCallHeader))
	}
	if !bytes.Equal(buf, echoCallHeader) {
		t.Fatalf("header bytes\n got %x\nwant %x", buf, echoCallHeader)
	}
}

func TestMessageHeaderRoundTripsEveryType(t *testing.T) {
	for _, typ := range []MessageType{Call, Reply, Exception, Oneway} {
		for _, seq := range []int32{0, 1, -1, 1 << 30, -1 << 31} {
			want := MessageHeader{Name: "método", Type: typ, SeqID: seq}
			buf := make([]byte, want.EncodedSize()+3) // trailing bytes belong to the body
			PutMessageHeader(buf, want)
			got, n, err := ReadMessageHeader(buf)
			if err != nil {
				t.Fatalf("%v: %v", want, err)
			}
			if got != want || n != want.EncodedSize() {
				t.Fatalf("read %+v (%d bytes), want %+v (%d bytes)", got, n, want, want.EncodedSize())
			}
		}
	}
}

func TestReadMessageHeaderIgnoresTheUnusedVersionByte(t *testing.T) {
	// Apache Thrift masks the first word with 0xffff0000 and the type with 0xff,
	// so the byte between is not checked; reading must accept the same bytes.
	buf := append([]byte(nil), echoCallHeader...)
	buf[2] = 0x5a
	h, _, err := ReadMessageHeader(buf)
	if err != nil || h.Type != Call {
		t.Fatalf("got %+v, %v; want a call", h, err)
	}
}

func TestReadMessageHeaderRejectsMalformedBytes(t *testing.T) {
	withByte := func(i int, b byte) []byte {
		buf := append([]byte(nil), echoCallHeader...)
		buf[i] = b
		return buf
	}
	tests := []struct {
		name string
		buf  []byte
		want error
	}{
		{"empty", nil, ErrTruncated},
		{"seven bytes", echoCallHeader[:7], ErrTruncated},
		{"name cut short", echoCallHeader[:10], ErrTruncated},
		{"sequence id cut short", echoCallHeader[:15], ErrTruncated},
		{"old non-strict form", []byte{0, 0, 0, 4, 'E', 'c', 'h', 'o', 1, 0, 0, 0, 7}, ErrBadVersion},
		{"version 2", withByte(1, 0x02), ErrBadVersion},
		{"type 0", withByte(3, 0), ErrInvalidMessageType},
		{"type 5", withByte(3, 5), ErrInvalidMessageType},
		{"negative name length", withByte(4, 0x80), ErrNegativeSize},
		{"name length 2^31-1", []byte{0x80, 1, 0, 1, 0x7f, 0xff, 0xff, 0xff, 'x'}, ErrTruncated},
		{"garbage", []byte("GET / HTTP/1.1\r\n"), ErrBadVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, n, err := ReadMessageHeader(tt.buf)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if n != 0 || h.Name != "" {
				t.Fatalf("a failed read returned %+v and %d bytes", h, n)
			}
		})
	}
}

func TestMessageTypeString(t *testing.T) {
	for typ, want := range map[MessageType]string{Call: "call", Reply: "reply", Exception: "exception", Oneway: "oneway", 9: "MessageType(9)"} {
		if got := typ.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", uint8(typ), got, want)
		}
	}
}

func FuzzReadMessageHeader(f *testing.F) {
	f.Add(echoCallHeader)
	f.Add([]byte{0x80, 1, 0, 4, 0x7f, 0xff, 0xff, 0xf0})
	f.Fuzz(func(t *testing.T, buf []byte) {
		h, n, err := ReadMessageHeader(buf)
		if err != nil {
			return
		}
		if n != h.EncodedSize() || n > len(buf) {
			t.Fatalf("read %+v taking %d of %d bytes", h, n, len(buf))
		}
		again := make([]byte, n)
		PutMessageHeader(again, h)
		h2, _, err := ReadMessageHeader(again)
		if err != nil || h2 != h {
			t.Fatalf("re-encoded header reads back as %+v, %v; want %+v", h2, err, h)
		}
	})
}
