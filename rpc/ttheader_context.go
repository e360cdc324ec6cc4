package rpc

import (
	"context"

	"github.com/frugaljit/frugal/rpc/protocol"
)

type ttHeaderKey struct{}

// TTHeaderFromContext returns the TTHeader a call came with, for a handler
// that wants the caller's metadata (Kitex clients send, for example, their
// service name under protocol.TTHeaderKeyFromService and their timeout
// under protocol.TTHeaderKeyRPCTimeout). It reports false for a call that
// came framed. The header is shared: read it, do not change it.
func TTHeaderFromContext(ctx context.Context) (*protocol.TTHeader, bool) {
	th, ok := ctx.Value(ttHeaderKey{}).(*protocol.TTHeader)
	return th, ok
}
