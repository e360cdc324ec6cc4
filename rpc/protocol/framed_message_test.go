package protocol

import (
	"bytes"
	"errors"
	"testing"

	"github.com/frugaljit/frugal"
)

type pingArgs struct {
	Text string `frugal:"1,default,string"`
}

type requiredArgs struct {
	Inner *pingArgs `frugal:"1,required,pingArgs"`
}

func TestEncodeFramedMessageBytes(t *testing.T) {
	h := MessageHeader{Name: "Echo", Type: Call, SeqID: 7}
	body := &pingArgs{Text: "hi"}
	buf := make([]byte, FramedMessageSize(h, body))
	n, err := EncodeFramedMessage(buf, h, body)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte{0, 0, 0, 26}, echoCallHeader...)
	want = append(want, 0x0b, 0x00, 0x01, 0, 0, 0, 2, 'h', 'i', 0x00)
	if !bytes.Equal(buf[:n], want) {
		t.Fatalf("bytes\n got %x\nwant %x", buf[:n], want)
	}

	var got pingArgs
	gotHeader, err := DecodeMessage(buf[FrameHeaderSize:n], &got)
	if err != nil || gotHeader != h || got != *body {
		t.Fatalf("decoded %+v %+v, %v", gotHeader, got, err)
	}
}

func TestEncodeFramedMessageCarriesApplicationErrors(t *testing.T) {
	h := MessageHeader{Name: "Echo", Type: Exception, SeqID: 3}
	appErr := &ApplicationError{Type: InternalError, Message: "boom"}
	buf := make([]byte, FramedMessageSize(h, appErr))
	n, err := EncodeFramedMessage(buf, h, appErr)
	if err != nil {
		t.Fatal(err)
	}
	gotHeader, m, err := ReadMessageHeader(buf[FrameHeaderSize:n])
	if err != nil || gotHeader != h {
		t.Fatalf("header %+v, %v", gotHeader, err)
	}
	got, _, err := DecodeApplicationError(buf[FrameHeaderSize+m : n])
	if err != nil || *got != *appErr {
		t.Fatalf("decoded %+v, %v", got, err)
	}
}

func TestEncodeFramedMessageReportsBodyErrors(t *testing.T) {
	h := MessageHeader{Name: "Echo", Type: Call, SeqID: 1}
	body := &requiredArgs{} // nil required pointer
	buf := make([]byte, FramedMessageSize(h, body))
	if _, err := EncodeFramedMessage(buf, h, body); !errors.Is(err, frugal.ErrNilRequired) {
		t.Fatalf("err = %v, want ErrNilRequired", err)
	}
}

func TestDecodeMessageKeepsTheHeaderWhenTheBodyFails(t *testing.T) {
	payload := append(append([]byte(nil), echoCallHeader...), 0x0b, 0x00, 0x01, 0, 0, 0, 9, 'x')
	var body pingArgs
	h, err := DecodeMessage(payload, &body)
	if !errors.Is(err, frugal.ErrTruncated) {
		t.Fatalf("err = %v, want ErrTruncated", err)
	}
	if h.Name != "Echo" || h.SeqID != 7 {
		t.Fatalf("header %+v lost", h)
	}
}
