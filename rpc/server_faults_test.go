package rpc

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// checkStillServing fails the test unless a fresh client gets an answer: a
// fault on one connection must not hurt the server.
func checkStillServing(t *testing.T, ts *testServer) {
	t.Helper()
	c := ts.client(t)
	if resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "alive"}); err != nil || resp.Msg != "alive" {
		t.Fatalf("server stopped answering: %+v, %v", resp, err)
	}
}

func TestServerClosesConnectionOnBadFrames(t *testing.T) {
	tests := []struct {
		name  string
		bytes []byte
	}{
		// Only the prefix is sent: the connection must close without the
		// server waiting for the bytes it announces.
		{"frame larger than the limit", []byte{0, 0, 0x10, 0x01}}, // 4097 bytes, limit 4096
		{"frame of 1 GiB", []byte{0x40, 0, 0, 0}},
		{"negative frame size", []byte{0xff, 0xff, 0xff, 0xfe}},
		{"HTTP request", []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")},
		{"bad protocol version", []byte{0, 0, 0, 12, 0x80, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"non-strict header", []byte{0, 0, 0, 13, 0, 0, 0, 4, 'E', 'c', 'h', 'o', 1, 0, 0, 0, 1}},
		{"name longer than the frame", []byte{0, 0, 0, 12, 0x80, 0x01, 0, 1, 0x7f, 0, 0, 0, 0, 0, 0, 1}},
		{"empty frame", []byte{0, 0, 0, 0}},
	}
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network, WithMaxFrameSize(4096))
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					conn := ts.dialRaw(t)
					if _, err := conn.Write(tt.bytes); err != nil {
						t.Fatal(err)
					}
					waitClosed(t, conn)
				})
			}
			checkStillServing(t, ts)
		})
	}
}

func TestOversizedCallFromAClientBreaksOnlyItsConnection(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network, WithMaxFrameSize(4096))
			c := ts.client(t, WithPoolSize(1)) // the client's own limit is the default 16 MiB
			_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "big", Payload: make([]byte, 8192)})
			if !errors.Is(err, ErrConnectionClosed) {
				t.Fatalf("err = %v, want ErrConnectionClosed", err)
			}
			// The pool redials (over shmipc, opens a stream) in place of the
			// closed connection.
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "small"}); err != nil {
				t.Fatalf("call after the connection was closed: %v", err)
			}
		})
	}
}

func TestGarbageAfterAGoodCall(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			conn := ts.dialRaw(t)
			good := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "fine"}})
			if _, err := conn.Write(good); err != nil {
				t.Fatal(err)
			}
			if h, _ := readMessage(t, conn); h.SeqID != 1 || h.Type != protocol.Reply {
				t.Fatalf("reply %+v", h)
			}
			if _, err := conn.Write([]byte{0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8}); err != nil {
				t.Fatal(err)
			}
			waitClosed(t, conn)
			checkStillServing(t, ts)
		})
	}
}

func TestFrameCutShortThenDisconnect(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			whole := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "cut"}})
			for _, cut := range []int{2, protocol.FrameHeaderSize, len(whole) / 2, len(whole) - 1} {
				conn := ts.dialRaw(t)
				if _, err := conn.Write(whole[:cut]); err != nil {
					t.Fatal(err)
				}
				conn.Close()
			}
			checkStillServing(t, ts)
		})
	}
}

func TestStalledFrameIsClosedAfterReadTimeout(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network, WithReadTimeout(200*time.Millisecond))
			whole := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "stall"}})
			for _, cut := range []int{2, len(whole) - 3} { // in the prefix, in the message
				conn := ts.dialRaw(t)
				start := time.Now()
				if _, err := conn.Write(whole[:cut]); err != nil {
					t.Fatal(err)
				}
				waitClosed(t, conn)
				if took := time.Since(start); took < 150*time.Millisecond {
					t.Errorf("cut at %d: closed after %v, before the read timeout", cut, took)
				}
			}
			// The time between frames is not limited.
			c := ts.client(t, WithPoolSize(1))
			for range 2 {
				if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "slow"}); err != nil {
					t.Fatal(err)
				}
				time.Sleep(300 * time.Millisecond)
			}
		})
	}
}

func TestClientDisconnectsMidCall(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			conn := ts.dialRaw(t)
			call := frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "block", ID: 1}})
			if _, err := conn.Write(call); err != nil {
				t.Fatal(err)
			}
			receive(t, ts.svc.blocked) // the handler is running
			conn.Close()
			ts.releaseBlocked() // its reply now goes nowhere
			checkStillServing(t, ts)
		})
	}
}

func TestReplyMessageToServerIsInvalidMessageType(t *testing.T) {
	ts := startServer(t, "tcp")
	conn := ts.dialRaw(t)
	h := protocol.MessageHeader{Name: "Echo", Type: protocol.Reply, SeqID: 3}
	if _, err := conn.Write(frame(t, h, &EchoEchoResult{})); err != nil {
		t.Fatal(err)
	}
	got, body := readMessage(t, conn)
	appErr, _, err := protocol.DecodeApplicationError(body)
	if err != nil || got.Type != protocol.Exception || got.SeqID != 3 {
		t.Fatalf("got %+v, %v", got, err)
	}
	wantApplicationError(t, appErr, protocol.InvalidMessageType, "reply")
}

func TestOnewayToUnknownMethodGetsNoReply(t *testing.T) {
	ts := startServer(t, "tcp")
	conn := ts.dialRaw(t)
	oneway := protocol.MessageHeader{Name: "Nope", Type: protocol.Oneway, SeqID: 1}
	msgs := append(frame(t, oneway, &EchoNotifyArgs{}), frame(t, hdr("Echo", 2), &EchoEchoArgs{Req: &EchoRequest{Msg: "x"}})...)
	if _, err := conn.Write(msgs); err != nil {
		t.Fatal(err)
	}
	if h, _ := readMessage(t, conn); h.SeqID != 2 || h.Type != protocol.Reply {
		t.Fatalf("first message back is %+v, want the reply to seq 2", h)
	}
}

func TestLargePayloadsRoundTrip(t *testing.T) {
	ts := startServer(t, "unix")
	c := ts.client(t)
	payload := bytes.Repeat([]byte{0xa5}, 3<<20) // several netpoll buffer nodes
	resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "large", Payload: payload})
	if err != nil || !bytes.Equal(resp.Payload, payload) {
		t.Fatalf("large payload: %v", err)
	}
}
