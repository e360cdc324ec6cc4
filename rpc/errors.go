package rpc

import "errors"

var (
	// ErrServerClosed is what Serve returns after Shutdown.
	ErrServerClosed = errors.New("rpc: server closed")
	// ErrClientClosed is what calls on a closed Client return.
	ErrClientClosed = errors.New("rpc: client closed")
	// ErrConnectionClosed means the connection a call was using broke or was
	// closed before the reply came; the error wraps the cause when one is
	// known. The call may or may not have run on the server.
	ErrConnectionClosed = errors.New("rpc: connection closed")
)
