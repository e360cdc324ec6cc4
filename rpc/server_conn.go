package rpc

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/frugaljit/frugal"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// serverConn is the server's side of one connection: a netpoll connection,
// or a stream of a shmipc session. Whatever carries them, it gets whole
// frames from one reader at a time (serveFrame) and answers through out.
type serverConn struct {
	server *Server
	out    frameWriter
	// transport is what the connection's first frame was, 0 before it. Only
	// serveFrame uses it, and frames are served one at a time.
	transport Transport
}

func newServerConn(s *Server, conn io.Writer) *serverConn {
	return &serverConn{server: s, out: frameWriter{conn: conn, maxSize: s.opts.maxFrameSize}}
}

// serveFrame serves the payload of one frame: it either answers it at once
// (errors) or starts the call on its own goroutine, so calls on one
// connection run concurrently. It returns an error only when the connection
// must close; a call that can be answered (unknown method, undecodable
// args) is. The payload is not used after it returns.
func (sc *serverConn) serveFrame(payload []byte) error {
	th, msg, err := sc.unwrap(payload)
	if err != nil {
		return err
	}
	h, n, err := protocol.ReadMessageHeader(msg)
	if err != nil {
		return err
	}
	rth := replyTTHeader(th)
	if h.Type != protocol.Call && h.Type != protocol.Oneway {
		return sc.replyError(rth, h, protocol.NewApplicationError(protocol.InvalidMessageType,
			"%s: a server takes calls, not messages of type %s", h.Name, h.Type))
	}
	handler := sc.server.handlers[h.Name]
	if handler == nil {
		return sc.replyError(rth, h, protocol.NewApplicationError(protocol.UnknownMethod, "unknown method %q", h.Name))
	}
	replies := h.Type == protocol.Call && !handler.oneway
	args := handler.newArgs()
	// The args own their strings and bytes (frugal copies them out), so the
	// call may outlive the payload's buffer, released when this returns.
	if _, err := frugal.DecodeObject(msg[n:], args); err != nil {
		if !replies {
			return nil
		}
		return sc.replyError(rth, h, protocol.NewApplicationError(protocol.ProtocolError, "%s: decoding args: %v", h.Name, err))
	}
	if !sc.server.calls.begin() {
		return nil // draining: the connection closes once running calls end
	}
	ctx := sc.server.callCtx
	if th != nil {
		ctx = context.WithValue(ctx, ttHeaderKey{}, th)
	}
	go sc.serveCall(ctx, handler, rth, h, args, replies)
	return nil
}

// unwrap splits a frame into its TTHeader, if the connection speaks it, and
// its message. The first frame decides the connection's transport.
func (sc *serverConn) unwrap(payload []byte) (*protocol.TTHeader, []byte, error) {
	if sc.transport == 0 {
		t := detectTransport(payload)
		if only := sc.server.opts.transport; only != 0 && t != only {
			return nil, nil, fmt.Errorf("rpc: a %s connection to a server that takes only %s", t, only)
		}
		sc.transport = t
	}
	return unwrap(sc.transport, payload)
}

// replyTTHeader is the TTHeader that answers a call's: the same sequence id
// and flags, no metadata. It is nil for a framed call.
func replyTTHeader(call *protocol.TTHeader) *protocol.TTHeader {
	if call == nil {
		return nil
	}
	return &protocol.TTHeader{Flags: call.Flags, SeqID: call.SeqID}
}

func (sc *serverConn) serveCall(ctx context.Context, handler *methodHandler, rth *protocol.TTHeader, h protocol.MessageHeader, args any, replies bool) {
	defer sc.server.calls.end()
	th, _ := TTHeaderFromContext(ctx)
	ctx, cancel := callerDeadline(ctx, th) // the handler stops when the caller stops waiting
	defer cancel()
	result, err := invokeRecovering(ctx, handler, h.Name, args)
	if !replies {
		return
	}
	if err != nil {
		_ = sc.replyError(rth, h, asApplicationError(err))
		return
	}
	reply := protocol.MessageHeader{Name: h.Name, Type: protocol.Reply, SeqID: h.SeqID}
	if werr := sc.out.write(rth, reply, result); werr != nil {
		// The result could not be encoded (a nil required field, too large)
		// and the caller still deserves an answer; if the connection is gone
		// instead, this write fails too, harmlessly.
		_ = sc.replyError(rth, h, protocol.NewApplicationError(protocol.InternalError, "%s: sending result: %v", h.Name, werr))
	}
}

// invokeRecovering runs the handler, turning a panic into an INTERNAL_ERROR
// so that one bad call neither kills the server nor leaves its caller waiting.
func invokeRecovering(ctx context.Context, handler *methodHandler, name string, args any) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			// The stack stays on the server: it is no business of the caller's.
			err = protocol.NewApplicationError(protocol.InternalError, "%s: handler panicked: %v", name, p)
		}
	}()
	return handler.invoke(ctx, args)
}

func asApplicationError(err error) *protocol.ApplicationError {
	var appErr *protocol.ApplicationError
	if errors.As(err, &appErr) {
		return appErr
	}
	return protocol.NewApplicationError(protocol.InternalError, "%v", err)
}

// replyError answers a call with a TApplicationException. Errors writing it
// mean the connection is gone; they are returned for serveFrame to close on.
func (sc *serverConn) replyError(rth *protocol.TTHeader, call protocol.MessageHeader, appErr *protocol.ApplicationError) error {
	if call.Type == protocol.Oneway {
		return nil
	}
	h := protocol.MessageHeader{Name: call.Name, Type: protocol.Exception, SeqID: call.SeqID}
	if err := sc.out.write(rth, h, appErr); err != nil {
		return fmt.Errorf("sending exception for %q: %w", call.Name, err)
	}
	return nil
}
