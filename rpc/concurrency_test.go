package rpc

import (
	"fmt"
	"sync"
	"testing"

	"github.com/frugaljit/frugal/rpc/protocol"
)

func TestConcurrentCallsRunTogetherOnOneConnection(t *testing.T) {
	for _, network := range allNetworks {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t, WithPoolSize(1))
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
			// Every call is inside its handler at the same time, all on the one
			// connection: only then are they released.
			waitBlocked(t, ts, calls, errs)
			ts.releaseBlocked()
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestPipelinedCallsInOneWrite(t *testing.T) {
	ts := startServer(t, "unix")
	conn := ts.dialRaw(t)
	var batch []byte
	for seq := int32(1); seq <= 5; seq++ {
		args := &EchoEchoArgs{Req: &EchoRequest{Msg: "pipelined", ID: int64(seq)}}
		batch = append(batch, frame(t, hdr("Echo", seq), args)...)
	}
	if _, err := conn.Write(batch); err != nil {
		t.Fatal(err)
	}
	seen := map[int32]bool{}
	for range 5 {
		// Replies may come in any order: the calls run concurrently.
		h, body := readMessage(t, conn)
		var result EchoEchoResult
		if _, err := decode(body, &result); err != nil {
			t.Fatal(err)
		}
		if h.Type != protocol.Reply || result.Success == nil || result.Success.ID != int64(h.SeqID) || seen[h.SeqID] {
			t.Fatalf("reply %+v with %+v", h, result.Success)
		}
		seen[h.SeqID] = true
	}
}

func TestManyCallersOverAPool(t *testing.T) {
	for _, network := range []string{"tcp", "shmipc"} {
		t.Run(network, func(t *testing.T) {
			ts := startServer(t, network)
			c := ts.client(t, WithPoolSize(3))
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 50 {
						id := int64(g*1000 + i)
						resp, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x", ID: id})
						if err != nil || resp.ID != id {
							errs <- fmt.Errorf("call %d: %+v, %v", id, resp, err)
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		})
	}
}
