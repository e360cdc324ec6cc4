package protocol

import (
	"errors"
	"reflect"
	"runtime"
	"testing"
)

// ttPayload builds the bytes of a TTHeader frame after its length prefix:
// magic, flags 0, sequence id 1, the given header size field (in words), then
// info as given (not padded: tests choose the bytes exactly).
func ttPayload(words uint16, info ...byte) []byte {
	return append([]byte{0x10, 0x00, 0, 0, 0, 0, 0, 1, byte(words >> 8), byte(words)}, info...)
}

func TestReadTTHeaderRejectsMalformedHeaders(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		want    error
	}{
		{"empty", nil, ErrTruncated},
		{"fixed fields cut short", ttPayload(1)[:9], ErrTruncated},
		{"bad magic", append([]byte{0x10, 0x01}, ttPayload(1, 0, 0, 0, 0)[2:]...), ErrBadMagic},
		{"binary message, not ttheader", append(append([]byte(nil), echoCallHeader...), 0), ErrBadMagic},
		{"apache theader magic", append([]byte{0x0f, 0xff}, ttPayload(1, 0, 0, 0, 0)[2:]...), ErrBadMagic},
		{"header size 0", ttPayload(0), ErrBadTTHeader},
		{"header size past the frame", ttPayload(2, 0, 0, 0, 0), ErrBadTTHeader},
		{"header size 65535 words in a short frame", ttPayload(0xffff, 0, 0, 0, 0), ErrBadTTHeader},
		{"header cut off by the frame", ttPayload(1, 0, 0), ErrBadTTHeader},
		{"compact protocol", ttPayload(1, 2, 0, 0, 0), ErrBadTTHeader},
		{"kitex protobuf", ttPayload(1, 4, 0, 0, 0), ErrBadTTHeader},
		{"a transform", ttPayload(1, 0, 1, 1, 0), ErrBadTTHeader},
		{"transforms past the header", ttPayload(1, 0, 0xff, 0, 0), ErrBadTTHeader},
		{"unknown info id", ttPayload(1, 0, 0, 0x7f, 0), ErrBadTTHeader},
		{"kv count past the header", ttPayload(1, 0, 0, 0x01, 0xff), ErrBadTTHeader},
		{"kv count 65535 in one word", ttPayload(2, 0, 0, 0x01, 0xff, 0xff, 0, 0, 0), ErrBadTTHeader},
		{"kv key past the header", ttPayload(2, 0, 0, 0x01, 0, 1, 0xff, 0xff, 0), ErrBadTTHeader},
		{"kv value missing", ttPayload(2, 0, 0, 0x01, 0, 1, 0, 1, 'k'), ErrBadTTHeader},
		{"int kv count past the header", ttPayload(1, 0, 0, 0x10, 0xff), ErrBadTTHeader},
		{"int kv value past the header", ttPayload(2, 0, 0, 0x10, 0, 1, 0, 9, 0x7f), ErrBadTTHeader},
		{"acl token past the header", ttPayload(1, 0, 0, 0x11, 0xff), ErrBadTTHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h TTHeader
			var n int
			var err error
			allocated := bytesPerRun(func() { h, n, err = ReadTTHeader(tt.payload) })
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if n != 0 || !reflect.DeepEqual(h, TTHeader{}) {
				t.Fatalf("a failed read returned %+v and %d bytes", h, n)
			}
			if allocated > 4096 {
				t.Fatalf("%d bytes allocated reading %d bytes", allocated, len(tt.payload))
			}
		})
	}
}

func TestReadTTHeaderAcceptsWhatKitexAccepts(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		want    TTHeader
	}{
		{"padding only", ttPayload(2, 0, 0, 0, 0, 0, 0, 0, 0), TTHeader{SeqID: 1}},
		{"empty kv block", ttPayload(2, 0, 0, 0x01, 0, 0, 0, 0, 0), TTHeader{SeqID: 1, StrInfo: map[string]string{}}},
		{"padding before a block", ttPayload(3, 0, 0, 0, 0x10, 0, 1, 0, 3, 0, 0, 0, 0), TTHeader{SeqID: 1, IntInfo: map[uint16]string{3: ""}}},
		{"two kv blocks merge", ttPayload(4, 0, 0, 0x01, 0, 1, 0, 1, 'a', 0, 0, 0x01, 0, 0, 0, 0, 0), TTHeader{SeqID: 1, StrInfo: map[string]string{"a": ""}}},
		{"repeated key keeps the last", ttPayload(4, 0, 0, 0x10, 0, 2, 0, 1, 0, 1, 'x', 0, 1, 0, 0, 0, 0), TTHeader{SeqID: 1, IntInfo: map[uint16]string{1: ""}}},
		{"flags and sequence id kept", []byte{0x10, 0x00, 0xab, 0xcd, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0}, TTHeader{Flags: 0xabcd, SeqID: -1 << 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n, err := ReadTTHeader(tt.payload)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("read %+v, want %+v", got, tt.want)
			}
			if n != len(tt.payload) {
				t.Fatalf("took %d of %d bytes", n, len(tt.payload))
			}
		})
	}
}

// TestReadTTHeaderNeverAllocatesByCount sends headers whose counts claim far
// more entries than their bytes hold: the maps must stay small.
func TestReadTTHeaderNeverAllocatesByCount(t *testing.T) {
	info := []byte{0, 0, 0x01, 0xff, 0xff}
	for len(info) < 64 {
		info = append(info, 0, 0, 0, 0) // 15 empty key-value pairs, then the count runs out
	}
	info = info[:64]
	payload := ttPayload(16, info...)
	var err error
	allocated := bytesPerRun(func() { _, _, err = ReadTTHeader(payload) })
	if !errors.Is(err, ErrBadTTHeader) {
		t.Fatalf("err = %v, want ErrBadTTHeader", err)
	}
	// A map sized by the count (65535 entries) would take megabytes.
	if allocated > 4096 {
		t.Fatalf("%d bytes allocated for a 74-byte header", allocated)
	}
}

// bytesPerRun is the average number of bytes f allocates, over 10 runs.
// Bytes rather than allocations, so the bound holds under -race too.
func bytesPerRun(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 10 {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / 10
}

func FuzzReadTTHeader(f *testing.F) {
	f.Add(echoTTHeaderBytes[FrameHeaderSize:])
	f.Add(ttPayload(2, 0, 0, 0x01, 0xff, 0xff, 0, 0, 0))
	f.Add(ttPayload(1, 0, 0, 0x11, 0))
	f.Fuzz(func(t *testing.T, payload []byte) {
		h, n, err := ReadTTHeader(payload)
		if err != nil {
			return
		}
		if n > len(payload) || n%4 != 2 {
			t.Fatalf("read %+v taking %d of %d bytes", h, n, len(payload))
		}
		if msg, err := TTHeaderMessage(payload[n:]); err == nil && len(msg) != len(payload)-n && len(msg) != len(payload)-n-FrameHeaderSize {
			t.Fatalf("TTHeaderMessage kept %d of %d bytes", len(msg), len(payload)-n)
		}
		// What was read encodes and reads back the same (padding and block
		// order may differ from the input; the values may not).
		buf := make([]byte, h.EncodedSize())
		if _, err := PutTTHeader(buf, &h, 0); err != nil {
			t.Fatalf("re-encoding %+v: %v", h, err)
		}
		again, _, err := ReadTTHeader(buf[FrameHeaderSize:])
		if err != nil || !equalTTHeaders(again, h) {
			t.Fatalf("re-encoded header reads back as %+v, %v; want %+v", again, err, h)
		}
	})
}

// equalTTHeaders compares headers treating an empty map as no map: an empty
// block reads as an empty map but is not written back.
func equalTTHeaders(a, b TTHeader) bool {
	if len(a.StrInfo) == 0 && len(b.StrInfo) == 0 {
		a.StrInfo, b.StrInfo = nil, nil
	}
	if len(a.IntInfo) == 0 && len(b.IntInfo) == 0 {
		a.IntInfo, b.IntInfo = nil, nil
	}
	return reflect.DeepEqual(a, b)
}
