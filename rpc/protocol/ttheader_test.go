package protocol

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// echoTTHeader and echoTTHeaderBytes are one header written out byte by byte
// from the TTHeader layout, for a frame whose message takes 26 bytes.
var echoTTHeader = TTHeader{
	Flags:   0x0001,
	SeqID:   7,
	IntInfo: map[uint16]string{TTHeaderKeyToMethod: "Echo"},
	StrInfo: map[string]string{"isn": "EchoService"},
}

var echoTTHeaderBytes = []byte{
	0, 0, 0, 10 + 36 + 26, // length: fixed fields after it, info, message
	0x10, 0x00, // magic
	0x00, 0x01, // flags
	0, 0, 0, 7, // sequence id
	0, 9, // header size: 36 bytes in words
	0x00, 0x00, // protocol binary, no transforms
	0x01, 0, 1, 0, 3, 'i', 's', 'n', 0, 11, 'E', 'c', 'h', 'o', 'S', 'e', 'r', 'v', 'i', 'c', 'e', // INFO_KEYVALUE
	0x10, 0, 1, 0, 9, 0, 4, 'E', 'c', 'h', 'o', // INFO_INTKEYVALUE
	0, 0, // padding to a word
}

func TestPutTTHeaderWritesKitexLayout(t *testing.T) {
	h := echoTTHeader
	buf := make([]byte, h.EncodedSize())
	n, err := PutTTHeader(buf, &h, 26)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(echoTTHeaderBytes) || !bytes.Equal(buf, echoTTHeaderBytes) {
		t.Fatalf("header bytes (%d)\n got %x\nwant %x", n, buf, echoTTHeaderBytes)
	}
}

func TestReadTTHeaderReadsKitexLayout(t *testing.T) {
	payload := append(append([]byte(nil), echoTTHeaderBytes[FrameHeaderSize:]...), "message"...)
	got, n, err := ReadTTHeader(payload)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(echoTTHeaderBytes)-FrameHeaderSize || !reflect.DeepEqual(got, echoTTHeader) {
		t.Fatalf("read %+v taking %d bytes", got, n)
	}
	if string(payload[n:]) != "message" {
		t.Fatalf("message starts at the wrong byte: %q", payload[n:])
	}
}

func TestTTHeaderRoundTrips(t *testing.T) {
	tests := map[string]TTHeader{
		"no info":            {SeqID: -1},
		"acl token only":     {ACLToken: "secret"},
		"empty strings":      {StrInfo: map[string]string{"": ""}, IntInfo: map[uint16]string{0: ""}},
		"everything, sorted": {Flags: 0xffff, SeqID: 1 << 30, ACLToken: "t", StrInfo: map[string]string{"b": "2", "a": "1", "c": strings.Repeat("x", 300)}, IntInfo: map[uint16]string{22: "1", 3: "svc", 65535: "max"}},
		"longest string":     {StrInfo: map[string]string{"k": strings.Repeat("v", maxInfoString)}},
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			buf := make([]byte, h.EncodedSize())
			n, err := PutTTHeader(buf, &h, 0)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(buf) || n%4 != 2 { // 14 fixed bytes, then whole words
				t.Fatalf("wrote %d of %d bytes", n, len(buf))
			}
			size, err := ReadFrameSize(buf, 1<<20)
			if err != nil || size != n-FrameHeaderSize {
				t.Fatalf("length prefix %d, %v; want %d", size, err, n-FrameHeaderSize)
			}
			got, m, err := ReadTTHeader(buf[FrameHeaderSize:])
			if err != nil {
				t.Fatal(err)
			}
			if m != n-FrameHeaderSize || !reflect.DeepEqual(got, h) {
				t.Fatalf("read back %+v (%d bytes), want %+v", got, m, h)
			}
			again := make([]byte, h.EncodedSize())
			if _, err := PutTTHeader(again, &got, 0); err != nil || !bytes.Equal(again, buf) {
				t.Fatalf("encoding is not deterministic:\n%x\n%x", again, buf)
			}
		})
	}
}

func TestPutTTHeaderRefusesWhatTheFormatCannotHold(t *testing.T) {
	long := strings.Repeat("x", maxInfoString+1)
	many := make(map[uint16]string, maxInfoString+1)
	for i := range maxInfoString + 1 {
		many[uint16(i)] = ""
	}
	tests := map[string]TTHeader{
		"long acl token": {ACLToken: long},
		"long key":       {StrInfo: map[string]string{long: ""}},
		"long value":     {StrInfo: map[string]string{"k": long}},
		"long int value": {IntInfo: map[uint16]string{1: long}},
		"header too big": {StrInfo: map[string]string{"a": long[:60000], "b": long[:60000], "c": long[:60000], "d": long[:60000], "e": long[:60000]}},
		"too many ints":  {IntInfo: many}, // every uint16 key: one more than a count holds
	}
	strs := make(map[string]string, maxInfoString+1)
	for i := range maxInfoString + 1 {
		strs[string(rune(0x100+i))] = ""
	}
	tests["too many strings"] = TTHeader{StrInfo: strs}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			buf := make([]byte, h.EncodedSize())
			n, err := PutTTHeader(buf, &h, 0)
			if !errors.Is(err, ErrBadTTHeader) || n != 0 {
				t.Fatalf("PutTTHeader = %d, %v; want ErrBadTTHeader", n, err)
			}
		})
	}
}

func TestIsTTHeader(t *testing.T) {
	for _, tt := range []struct {
		payload []byte
		want    bool
	}{
		{echoTTHeaderBytes[FrameHeaderSize:], true},
		{echoCallHeader, false},
		{[]byte{0x10}, false},
		{nil, false},
	} {
		if got := IsTTHeader(tt.payload); got != tt.want {
			t.Errorf("IsTTHeader(%x) = %v", tt.payload, got)
		}
	}
}

func TestTTHeaderMessageRoundTrip(t *testing.T) {
	th := echoTTHeader
	h := MessageHeader{Name: "Echo", Type: Call, SeqID: 7}
	body := &pingArgs{Text: "hi"}
	buf := make([]byte, TTHeaderMessageSize(&th, h, body))
	n, err := EncodeTTHeaderMessage(buf, &th, h, body)
	if err != nil {
		t.Fatal(err)
	}
	// The header of echoTTHeaderBytes was written for this very message.
	if n != len(buf) || !bytes.Equal(buf[:len(echoTTHeaderBytes)], echoTTHeaderBytes) {
		t.Fatalf("bytes\n got %x\nwant prefix %x", buf[:n], echoTTHeaderBytes)
	}
	size, err := ReadFrameSize(buf, DefaultMaxFrameSize)
	if err != nil || size != n-FrameHeaderSize {
		t.Fatalf("length %d, %v; want %d", size, err, n-FrameHeaderSize)
	}
	payload := buf[FrameHeaderSize:n]
	gotTH, m, err := ReadTTHeader(payload)
	if err != nil || !reflect.DeepEqual(gotTH, th) {
		t.Fatalf("ttheader %+v, %v", gotTH, err)
	}
	var got pingArgs
	gotH, err := DecodeMessage(payload[m:], &got)
	if err != nil || gotH != h || got != *body {
		t.Fatalf("message %+v %+v, %v", gotH, got, err)
	}
}

func TestEncodeTTHeaderMessageReportsErrors(t *testing.T) {
	h := MessageHeader{Name: "Echo", Type: Call, SeqID: 1}
	bad := TTHeader{ACLToken: strings.Repeat("x", maxInfoString+1)}
	buf := make([]byte, TTHeaderMessageSize(&bad, h, &pingArgs{}))
	if _, err := EncodeTTHeaderMessage(buf, &bad, h, &pingArgs{}); !errors.Is(err, ErrBadTTHeader) {
		t.Fatalf("err = %v, want ErrBadTTHeader", err)
	}
	th := TTHeader{}
	buf = make([]byte, TTHeaderMessageSize(&th, h, &requiredArgs{}))
	if _, err := EncodeTTHeaderMessage(buf, &th, h, &requiredArgs{}); err == nil {
		t.Fatal("a body that cannot be encoded gave no error")
	}
}

func TestTTHeaderMessageStripsKitexInnerFrame(t *testing.T) {
	framed := append([]byte{0, 0, 0, byte(len(echoCallHeader))}, echoCallHeader...)
	tests := []struct {
		name string
		rest []byte
		want []byte
		err  error
	}{
		{"bare message", echoCallHeader, echoCallHeader, nil},
		{"framed message", framed, echoCallHeader, nil},
		{"inner length too long", append([]byte{0, 0, 0, 99}, echoCallHeader...), nil, ErrBadTTHeader},
		{"inner length too short", append([]byte{0, 0, 0, 3}, echoCallHeader...), nil, ErrBadTTHeader},
		{"inner length huge", append([]byte{0xff, 0xff, 0xff, 0xff}, echoCallHeader...), nil, ErrBadTTHeader},
		{"neither: left for the message reader", []byte("garbage!"), []byte("garbage!"), nil},
		{"empty", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TTHeaderMessage(tt.rest)
			if !errors.Is(err, tt.err) || !bytes.Equal(got, tt.want) {
				t.Fatalf("TTHeaderMessage = %x, %v; want %x, %v", got, err, tt.want, tt.err)
			}
		})
	}
}
