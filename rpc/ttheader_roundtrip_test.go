package rpc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/frugaljit/frugal/rpc/protocol"
)

func TestTTHeaderRoundTrip(t *testing.T) {
	for _, network := range networks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t, WithTransport(TTHeader))
			payload := bytes.Repeat([]byte("0123456789abcdef"), 256)
			for i := range 10 {
				req := &EchoRequest{Msg: "hello", ID: int64(i), Payload: payload}
				resp, err := echoMethod.Call(callCtx(t), c, req)
				if err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
				if resp.Msg != req.Msg || resp.ID != req.ID || !bytes.Equal(resp.Payload, payload) {
					t.Fatalf("call %d: got %+v", i, resp)
				}
			}
			// Exceptions, declared and not, and oneway calls travel the same way.
			var echoErr *EchoError
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "declared"}); !errors.As(err, &echoErr) || echoErr.Code != 42 {
				t.Fatalf("declared exception: %v", err)
			}
			if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "panic"}); !hasApplicationErrorType(err, protocol.InternalError) {
				t.Fatalf("panicking handler: %v", err)
			}
			if err := notifyMethod.Send(callCtx(t), c, &EchoRequest{Msg: "note", ID: 3}); err != nil {
				t.Fatal(err)
			}
			if got := receive(t, ts.svc.notified); got.ID != 3 {
				t.Fatalf("oneway handler got %+v", got)
			}
			var result EchoEchoResult
			err := c.Invoke(callCtx(t), "Missing", &EchoEchoArgs{Req: &EchoRequest{}}, &result)
			if !hasApplicationErrorType(err, protocol.UnknownMethod) {
				t.Fatalf("unknown method: %v", err)
			}
		})
	}
}

func TestServerTakesFramedAndTTHeaderConnectionsAtOnce(t *testing.T) {
	ts := startServer(t, "tcp")
	framed := ts.client(t)
	tt := ts.client(t, WithTransport(TTHeader))
	for i := range 5 {
		for _, c := range []*Client{framed, tt, framed} {
			resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "both", ID: int64(i)})
			if err != nil || resp.ID != int64(i) {
				t.Fatalf("call %d: %+v, %v", i, resp, err)
			}
		}
	}
}

func TestServerRestrictedToOneTransportClosesTheOther(t *testing.T) {
	for _, only := range []Transport{Framed, TTHeader} {
		t.Run(only.String(), func(t *testing.T) {
			ts := startServer(t, "tcp", WithTransport(only))
			for _, use := range []Transport{Framed, TTHeader} {
				c := ts.client(t, WithTransport(use), WithPoolSize(1))
				_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
				if use == only && err != nil {
					t.Fatalf("%s call: %v", use, err)
				}
				if use != only && !errors.Is(err, ErrConnectionClosed) {
					t.Fatalf("%s call to a %s-only server: %v, want ErrConnectionClosed", use, only, err)
				}
			}
		})
	}
}

func TestTTHeaderReplyCarriesTheCallsSequenceAndFlags(t *testing.T) {
	ts := startServer(t, "unix")
	conn := ts.dialRaw(t)
	// A header sequence id unlike the message's: the reply copies the
	// header's into its header and the message's into its message.
	call := &protocol.TTHeader{Flags: protocol.TTHeaderFlagSupportOutOfOrder, SeqID: 900,
		IntInfo: map[uint16]string{protocol.TTHeaderKeyToMethod: "Echo"}}
	if _, err := conn.Write(ttFrame(t, call, hdr("Echo", 9), &EchoEchoArgs{Req: &EchoRequest{Msg: "raw", ID: 5}})); err != nil {
		t.Fatal(err)
	}
	th, h, body := readTTMessage(t, conn)
	if th.SeqID != 900 || th.Flags != call.Flags || h.SeqID != 9 || h.Type != protocol.Reply || h.Name != "Echo" {
		t.Fatalf("reply header %+v, message %+v", th, h)
	}
	var result EchoEchoResult
	if _, err := decode(body, &result); err != nil || result.Success == nil || result.Success.ID != 5 {
		t.Fatalf("reply %+v, %v", result.Success, err)
	}
	// An unknown method is answered in TTHeader too.
	if _, err := conn.Write(ttFrame(t, &protocol.TTHeader{SeqID: 10}, hdr("Nope", 10), &EchoEchoArgs{})); err != nil {
		t.Fatal(err)
	}
	th, h, body = readTTMessage(t, conn)
	appErr, _, err := protocol.DecodeApplicationError(body)
	if th.SeqID != 10 || h.Type != protocol.Exception || err != nil || appErr.Type != protocol.UnknownMethod {
		t.Fatalf("reply %+v %+v: %v, %v", th, h, appErr, err)
	}
}

func TestHandlerSeesTheCallersTTHeader(t *testing.T) {
	srv := NewServer()
	Handle(srv, echoMethod, func(ctx context.Context, req *EchoRequest) (*EchoResponse, error) {
		th, ok := TTHeaderFromContext(ctx)
		if !ok {
			return &EchoResponse{Msg: "framed"}, nil
		}
		return &EchoResponse{Msg: th.IntInfo[protocol.TTHeaderKeyFromService] + "/" + th.StrInfo["isn"]}, nil
	})
	ln := listen(t, "tcp")
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer func() {
		if err := srv.Shutdown(callCtx(t)); err != nil {
			t.Error(err)
		}
		if err := receive(t, served); !errors.Is(err, ErrServerClosed) {
			t.Error(err)
		}
	}()

	info := map[uint16]string{protocol.TTHeaderKeyFromService: "caller"}
	strs := map[string]string{"isn": "EchoService"}
	tests := []struct {
		opts []Option
		want string
	}{
		{[]Option{WithTransport(TTHeader), WithTTHeaderInfo(info, strs)}, "caller/EchoService"},
		{[]Option{WithTransport(TTHeader)}, "/"},
		{nil, "framed"},
	}
	info[protocol.TTHeaderKeyFromService] = "changed" // WithTTHeaderInfo copied the maps
	for _, tt := range tests {
		c, err := NewClient("tcp", ln.Addr().String(), tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
		c.Close()
		if err != nil || resp.Msg != tt.want {
			t.Fatalf("got %+v, %v; want %q", resp, err, tt.want)
		}
	}
}

func TestTTHeaderInfoTooLargeFailsBeforeSending(t *testing.T) {
	ts := startServer(t, "tcp")
	c := ts.client(t, WithTransport(TTHeader), WithPoolSize(1),
		WithTTHeaderInfo(nil, map[string]string{"k": strings.Repeat("v", 1<<16)}))
	_, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"})
	if !errors.Is(err, protocol.ErrBadTTHeader) {
		t.Fatalf("err = %v, want ErrBadTTHeader", err)
	}
}

func TestConcurrentTTHeaderCallsShareOneConnection(t *testing.T) {
	ts := startServer(t, "tcp")
	c := ts.client(t, WithTransport(TTHeader), WithPoolSize(1))
	const calls = 16
	errs := make(chan error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "block", ID: int64(i)})
			if err == nil && resp.ID != int64(i) {
				err = fmt.Errorf("call %d got the reply of call %d", i, resp.ID)
			}
			errs <- err
		}()
	}
	// All are inside their handler at once, over the one connection, before
	// any is answered: the replies come back in any order, matched by seqid.
	waitBlocked(t, ts, calls, errs)
	ts.releaseBlocked()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := connectionsOf(ts); n != 1 {
		t.Fatalf("the calls used %d connections, want 1", n)
	}
}

// connectionsOf counts the server's open connections.
func connectionsOf(ts *testServer) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.conns)
}

func TestServerTakesKitexTTHeaderFramed(t *testing.T) {
	// Kitex's TTHeaderFramed transport frames the message again inside the
	// TTHeader: a length of its own, then the binary message.
	ts := startServer(t, "tcp")
	conn := ts.dialRaw(t)
	inner := frame(t, hdr("Echo", 4), &EchoEchoArgs{Req: &EchoRequest{Msg: "kitex", ID: 4}})
	th := &protocol.TTHeader{SeqID: 4}
	buf := make([]byte, th.EncodedSize()+len(inner))
	if _, err := protocol.PutTTHeader(buf, th, len(inner)); err != nil {
		t.Fatal(err)
	}
	copy(buf[th.EncodedSize():], inner)
	write(t, conn, buf)
	gotTH, h, body := readTTMessage(t, conn)
	var result EchoEchoResult
	if _, err := decode(body, &result); err != nil || gotTH.SeqID != 4 || h.SeqID != 4 || result.Success == nil || result.Success.Msg != "kitex" {
		t.Fatalf("reply %+v %+v %+v, %v", gotTH, h, result.Success, err)
	}
	// An inner length that disagrees with the frame closes the connection.
	protocol.PutFrameSize(buf[th.EncodedSize():], len(inner))
	write(t, conn, buf)
	waitClosed(t, conn)
}
