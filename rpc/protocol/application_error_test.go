package protocol

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/frugaljit/frugal"
)

func TestApplicationErrorBytesMatchThrift(t *testing.T) {
	tests := []struct {
		name string
		err  ApplicationError
		want []byte
	}{
		{
			name: "with message",
			err:  ApplicationError{Type: UnknownMethod, Message: "Ping"},
			want: []byte{
				0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 'P', 'i', 'n', 'g', // field 1: string
				0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, // field 2: i32
				0x00, // stop
			},
		},
		{
			// Apache Thrift writes no message field when the message is empty.
			name: "empty message",
			err:  ApplicationError{Type: InternalError},
			want: []byte{0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x00},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf := make([]byte, tt.err.EncodedSize())
			n, err := EncodeApplicationError(buf, &tt.err)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf[:n], tt.want) {
				t.Fatalf("bytes\n got %x\nwant %x", buf[:n], tt.want)
			}
			got, m, err := DecodeApplicationError(tt.want)
			if err != nil || m != len(tt.want) || *got != tt.err {
				t.Fatalf("decoded %+v (%d bytes), %v; want %+v", got, m, err, tt.err)
			}
		})
	}
}

func TestDecodeApplicationErrorDefaultsAndUnknownFields(t *testing.T) {
	// Only an unknown field 3 (i64): both known fields keep Thrift's defaults.
	buf := []byte{0x0a, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 9, 0x00}
	got, _, err := DecodeApplicationError(buf)
	if err != nil {
		t.Fatal(err)
	}
	if *got != (ApplicationError{Type: UnknownApplicationError}) {
		t.Fatalf("got %+v", got)
	}
}

func TestDecodeApplicationErrorRejectsMalformedBytes(t *testing.T) {
	for name, buf := range map[string][]byte{
		"empty":                  nil,
		"no stop":                {0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x06},
		"message longer than it": {0x0b, 0x00, 0x01, 0x7f, 0xff, 0xff, 0xff, 'x', 0x00},
		"negative message size":  {0x0b, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x00},
		"unknown field type":     {0x63, 0x00, 0x01, 0x00},
	} {
		t.Run(name, func(t *testing.T) {
			got, _, err := DecodeApplicationError(buf)
			if err == nil {
				t.Fatalf("decoded %+v from malformed bytes", got)
			}
			var ferr *frugal.Error
			if !errors.As(err, &ferr) {
				t.Fatalf("error %v does not wrap a *frugal.Error", err)
			}
		})
	}
}

func TestApplicationErrorMessage(t *testing.T) {
	e := NewApplicationError(UnknownMethod, "unknown method %q", "Ping")
	if got := e.Error(); !strings.Contains(got, `unknown method "Ping"`) {
		t.Fatalf("Error() = %q", got)
	}
	blank := &ApplicationError{Type: ApplicationErrorType(42)}
	if got := blank.Error(); !strings.Contains(got, "42") {
		t.Fatalf("an error without a message should name its type, got %q", got)
	}
}
