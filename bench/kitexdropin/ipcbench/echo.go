package ipcbench

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
)

// echo is the service's one method, the same for every server: the reply
// carries the request's id and payload.
func echo(_ context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	return &ipcecho.EchoResponse{Id: req.Id, Payload: req.Payload}, nil
}

// newPayload returns size bytes that differ from one caller to the next, so
// a reply that reached the wrong caller does not pass for an echo.
func newPayload(caller, size int) []byte {
	r := rand.New(rand.NewPCG(uint64(caller), 0x1bc))
	p := make([]byte, size)
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

// checkEcho returns an error unless resp carries req's id and payload.
func checkEcho(req *ipcecho.EchoRequest, resp *ipcecho.EchoResponse) error {
	switch {
	case resp == nil:
		return fmt.Errorf("echo of call %#x: no response", req.Id)
	case resp.Id != req.Id:
		return fmt.Errorf("echo of call %#x: came back with id %#x", req.Id, resp.Id)
	case !bytes.Equal(resp.Payload, req.Payload):
		return fmt.Errorf("echo of call %#x: the %d-byte payload came back different (%d bytes)", req.Id, len(req.Payload), len(resp.Payload))
	}
	return nil
}
