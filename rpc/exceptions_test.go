package rpc

import (
	"errors"
	"strings"
	"testing"

	"github.com/frugaljit/frugal/rpc/protocol"
)

func TestDeclaredExceptionsComeBackAsThemselves(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			for msg, wantCode := range map[string]int32{"declared": 42, "wrapped declared": 43} {
				_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: msg})
				var echoErr *EchoError
				if !errors.As(err, &echoErr) || echoErr.Code != wantCode {
					t.Fatalf("%s: err = %v, want EchoError %d", msg, err, wantCode)
				}
			}
		})
	}
}

func TestUndeclaredErrorIsInternalError(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			_, err := echoMethod.Call(callCtx(t), ts.client(t), &EchoRequest{Msg: "undeclared"})
			wantApplicationError(t, err, protocol.InternalError, "plain failure")
		})
	}
}

func TestHandlerPanicIsInternalErrorAndServerKeepsServing(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t, WithPoolSize(1))
			for range 3 {
				_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "panic"})
				wantApplicationError(t, err, protocol.InternalError, "handler exploded")
				resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "still here"})
				if err != nil || resp.Msg != "still here" {
					t.Fatalf("call after a panic: %+v, %v", resp, err)
				}
			}
		})
	}
}

func TestUnknownMethodIsUnknownMethodError(t *testing.T) {
	ts := startServer(t, "tcp")
	c := ts.client(t)
	err := c.Invoke(callCtx(t), "NoSuchMethod", &EchoEchoArgs{}, &EchoEchoResult{})
	wantApplicationError(t, err, protocol.UnknownMethod, "NoSuchMethod")
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "ok"}); err != nil {
		t.Fatalf("call after an unknown method: %v", err)
	}
}

func TestNilResponseIsMissingResult(t *testing.T) {
	ts := startServer(t, "tcp")
	_, err := echoMethod.Call(callCtx(t), ts.client(t), &EchoRequest{Msg: "nil"})
	wantApplicationError(t, err, protocol.MissingResult, "")
}

func TestUnencodableResultIsInternalError(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t)
			_, err := strictMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
			wantApplicationError(t, err, protocol.InternalError, "required")
			// Nothing of the failed result went out: the stream is still in step.
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "ok"}); err != nil {
				t.Fatalf("call after a failed result: %v", err)
			}
		})
	}
}

func TestUndecodableArgsIsProtocolErrorAndConnectionStays(t *testing.T) {
	ts := startServer(t, "tcp")
	conn := ts.dialRaw(t)
	// EchoRequest.msg is required; an empty args struct holding an empty
	// request lacks it.
	bad := frame(t, hdr("Echo", 5), &EchoEchoArgs{Req: &EchoRequest{}})
	bad = removeRequiredMsg(t, bad)
	good := frame(t, hdr("Echo", 6), &EchoEchoArgs{Req: &EchoRequest{Msg: "fine"}})
	if _, err := conn.Write(append(bad, good...)); err != nil {
		t.Fatal(err)
	}
	h, body := readMessage(t, conn)
	if h.Type != protocol.Exception || h.SeqID != 5 {
		t.Fatalf("got %+v, want an exception for seq 5", h)
	}
	appErr, _, err := protocol.DecodeApplicationError(body)
	if err != nil {
		t.Fatal(err)
	}
	wantApplicationError(t, appErr, protocol.ProtocolError, "required")
	if h, _ := readMessage(t, conn); h.Type != protocol.Reply || h.SeqID != 6 {
		t.Fatalf("got %+v, want the reply for seq 6", h)
	}
}

// removeRequiredMsg rewrites a framed Echo call whose request has an empty
// msg so that the request struct is empty (just its stop byte), which the
// decoder must reject for the missing required field.
func removeRequiredMsg(t *testing.T, msg []byte) []byte {
	t.Helper()
	// The request's msg field is: type 0x0b, id 0x0001, length 0.
	field := []byte{0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00}
	i := strings.Index(string(msg), string(field))
	if i < 0 {
		t.Fatalf("no empty msg field in %x", msg)
	}
	out := append(append([]byte(nil), msg[:i]...), msg[i+len(field):]...)
	protocol.PutFrameSize(out, len(out)-protocol.FrameHeaderSize)
	return out
}

func wantApplicationError(t *testing.T, err error, typ protocol.ApplicationErrorType, text string) {
	t.Helper()
	var appErr *protocol.ApplicationError
	if !errors.As(err, &appErr) {
		t.Fatalf("err = %v (%T), want a *protocol.ApplicationError", err, err)
	}
	if appErr.Type != typ || !strings.Contains(appErr.Message, text) {
		t.Fatalf("got %v (type %d), want type %d (%s) mentioning %q", appErr, appErr.Type, typ, typ, text)
	}
}
