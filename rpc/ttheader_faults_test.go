package rpc

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// ttCall is a good TTHeader call of Echo with sequence id seq.
func ttCall(t *testing.T, seq int32) []byte {
	return ttFrame(t, &protocol.TTHeader{SeqID: seq}, hdr("Echo", seq), &EchoEchoArgs{Req: &EchoRequest{Msg: "ok", ID: int64(seq)}})
}

// rawTT builds a TTHeader frame from its parts: the length is computed, the
// header size field (in words) and the bytes after it are given as they are.
func rawTT(words uint16, rest ...byte) []byte {
	payload := append([]byte{0x10, 0x00, 0, 0, 0, 0, 0, 1, byte(words >> 8), byte(words)}, rest...)
	frame := make([]byte, protocol.FrameHeaderSize, protocol.FrameHeaderSize+len(payload))
	protocol.PutFrameSize(frame, len(payload))
	return append(frame, payload...)
}

func TestServerClosesConnectionOnMalformedTTHeaders(t *testing.T) {
	echoMsg := func(t *testing.T) []byte {
		return frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "x"}})[protocol.FrameHeaderSize:]
	}
	tests := []struct {
		name   string
		first  string // "ttheader" or "framed": a good call sent (and answered) first
		frames func(t *testing.T) []byte
	}{
		{"huge length", "", func(*testing.T) []byte { return []byte{0x7f, 0xff, 0xff, 0xff, 0x10, 0x00, 0, 0} }},
		{"length one over the limit", "", func(*testing.T) []byte { return []byte{0, 0, 0x10, 0x01, 0x10, 0x00, 0, 0} }},
		{"header size 0", "", func(t *testing.T) []byte { return rawTT(0, echoMsg(t)...) }},
		{"header size past the frame", "", func(*testing.T) []byte { return rawTT(0x100, 0, 0, 0, 0) }},
		{"header size 65535 words", "", func(*testing.T) []byte { return rawTT(0xffff, 0, 0, 0, 0) }},
		{"compact protocol", "", func(t *testing.T) []byte { return rawTT(1, append([]byte{2, 0, 0, 0}, echoMsg(t)...)...) }},
		{"a transform", "", func(t *testing.T) []byte { return rawTT(1, append([]byte{0, 1, 1, 0}, echoMsg(t)...)...) }},
		{"unknown info id", "", func(t *testing.T) []byte { return rawTT(1, append([]byte{0, 0, 0x42, 0}, echoMsg(t)...)...) }},
		{"kv string past the header", "", func(t *testing.T) []byte {
			return rawTT(2, append([]byte{0, 0, 0x01, 0, 1, 0xff, 0xff, 0}, echoMsg(t)...)...)
		}},
		{"kv count 65535 in a short header", "", func(t *testing.T) []byte {
			return rawTT(2, append([]byte{0, 0, 0x01, 0xff, 0xff, 0, 0, 0}, echoMsg(t)...)...)
		}},
		{"no message after the header", "", func(*testing.T) []byte { return rawTT(1, 0, 0, 0, 0) }},
		{"garbage after the header", "", func(*testing.T) []byte { return rawTT(1, 0, 0, 0, 0, 'G', 'E', 'T', ' ', '/', 0, 0, 0, 0) }},
		{"bad magic after a ttheader frame", "ttheader", func(t *testing.T) []byte {
			f := ttCall(t, 2)
			f[5] = 0x01 // 0x1001: TTHeader in all but its magic
			return f
		}},
		{"framed message on a ttheader connection", "ttheader", func(t *testing.T) []byte {
			return frame(t, hdr("Echo", 2), &EchoEchoArgs{Req: &EchoRequest{Msg: "x"}})
		}},
		{"ttheader frame on a framed connection", "framed", func(t *testing.T) []byte { return ttCall(t, 2) }},
	}
	for _, network := range networks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network, WithMaxFrameSize(4096))
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					conn := ts.dialRaw(t)
					switch tt.first {
					case "ttheader":
						write(t, conn, ttCall(t, 1))
						if th, h, _ := readTTMessage(t, conn); th.SeqID != 1 || h.Type != protocol.Reply {
							t.Fatalf("first reply %+v %+v", th, h)
						}
					case "framed":
						write(t, conn, frame(t, hdr("Echo", 1), &EchoEchoArgs{Req: &EchoRequest{Msg: "ok"}}))
						if h, _ := readMessage(t, conn); h.Type != protocol.Reply {
							t.Fatalf("first reply %+v", h)
						}
					}
					write(t, conn, tt.frames(t))
					start := time.Now()
					waitClosed(t, conn) // the default 30s read timeout is past patience: no waiting for bytes
					if d := time.Since(start); d > 5*time.Second {
						t.Fatalf("closed only after %v", d)
					}
				})
			}
			checkStillServing(t, ts)
			c := ts.client(t, WithTransport(TTHeader))
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "alive"}); err != nil {
				t.Fatalf("ttheader client after the faults: %v", err)
			}
		})
	}
}

func TestTTHeaderFrameCutShort(t *testing.T) {
	whole := ttCall(t, 1)
	cuts := []int{2, protocol.FrameHeaderSize, protocol.TTHeaderFixedSize - 1, protocol.TTHeaderFixedSize + 2, len(whole) - 1}
	for _, network := range networks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network, WithReadTimeout(100*time.Millisecond))
			for _, cut := range cuts {
				// Cut, then hang up: the server drops the connection.
				conn := ts.dialRaw(t)
				write(t, conn, whole[:cut])
				conn.Close()
				// Cut, then stall: the read timeout closes it.
				conn = ts.dialRaw(t)
				write(t, conn, whole[:cut])
				waitClosed(t, conn)
			}
			checkStillServing(t, ts)
		})
	}
}

func TestBadTTHeaderRepliesFailTheCall(t *testing.T) {
	reply := func(t *testing.T, th *protocol.TTHeader, h protocol.MessageHeader) []byte {
		return ttFrame(t, th, protocol.MessageHeader{Name: h.Name, Type: protocol.Reply, SeqID: h.SeqID},
			&EchoEchoResult{Success: &EchoResponse{Msg: "reply"}})
	}
	tests := []struct {
		name  string
		reply func(t *testing.T, call protocol.TTHeader, h protocol.MessageHeader) []byte
		want  string // in the error; "" means the call succeeds
	}{
		{"framed reply", func(t *testing.T, _ protocol.TTHeader, h protocol.MessageHeader) []byte {
			return frame(t, protocol.MessageHeader{Name: h.Name, Type: protocol.Reply, SeqID: h.SeqID}, &EchoEchoResult{})
		}, "magic"},
		{"header size past the frame", func(*testing.T, protocol.TTHeader, protocol.MessageHeader) []byte {
			return rawTT(9, 0, 0, 0, 0)
		}, "past the end"},
		{"unknown info id", func(t *testing.T, call protocol.TTHeader, h protocol.MessageHeader) []byte {
			f := reply(t, &call, h)
			f[protocol.TTHeaderFixedSize+2] = 0x42 // the first padding byte
			return f
		}, "unknown info block"},
		{"huge length", func(*testing.T, protocol.TTHeader, protocol.MessageHeader) []byte {
			return []byte{0x7f, 0xff, 0xff, 0xf0, 0x10, 0x00}
		}, "larger than the limit"},
		{"header sequence id not copied", func(t *testing.T, _ protocol.TTHeader, h protocol.MessageHeader) []byte {
			return reply(t, &protocol.TTHeader{SeqID: 0, StrInfo: map[string]string{"biz-status": "0"}}, h)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := fakeServer(t, func(_ int, conn net.Conn) {
				th, h, _ := readTTMessage(t, conn)
				_, _ = conn.Write(tt.reply(t, th, h))
			})
			c, err := NewClient("tcp", addr, WithTransport(TTHeader))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
			if tt.want == "" {
				if err != nil || resp.Msg != "reply" {
					t.Fatalf("got %+v, %v", resp, err)
				}
				return
			}
			if !errors.Is(err, ErrConnectionClosed) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrConnectionClosed saying %q", err, tt.want)
			}
		})
	}
}

func write(t *testing.T, conn net.Conn, b []byte) {
	t.Helper()
	if _, err := conn.Write(b); err != nil {
		t.Fatal(err)
	}
}
