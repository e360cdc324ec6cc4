package rpc

import (
	"context"
	"fmt"
)

// methodHandler is what the server keeps per registered method: how to make
// the args struct to decode into, and how to run the call on it.
type methodHandler struct {
	// oneway methods never get a reply, whatever message type the call came
	// in: Apache Thrift's clients send oneway calls as type call.
	oneway  bool
	newArgs func() any
	// invoke returns the result struct to send, or an error that is not a
	// declared exception (the server sends it as a TApplicationException).
	invoke func(ctx context.Context, args any) (result any, err error)
}

// Handle registers h to serve method m on s. An error h returns that is one
// of m's declared exceptions (errors.As) goes back in the result struct; any
// other error goes back as a TApplicationException of type INTERNAL_ERROR
// with the error's text, or as itself if it is a *protocol.ApplicationError.
//
// Like http.ServeMux, registering twice under one name, or after Serve has
// started, panics: both are mistakes in the program, not in its input.
func Handle[Args, Result, Req, Resp any](s *Server, m *Method[Args, Result, Req, Resp], h func(context.Context, *Req) (*Resp, error)) {
	s.register(m.name, &methodHandler{
		newArgs: func() any { return new(Args) },
		invoke: func(ctx context.Context, a any) (any, error) {
			args := a.(*Args)
			resp, err := h(ctx, m.request(args))
			result := new(Result)
			if !m.fillResult(result, resp, err) {
				return nil, err
			}
			return result, nil
		},
	})
}

// HandleOneway registers h to serve oneway method m on s. What h returns is
// dropped, as the caller waits for nothing.
func HandleOneway[Args, Req any](s *Server, m *OnewayMethod[Args, Req], h func(context.Context, *Req) error) {
	s.register(m.name, &methodHandler{
		oneway:  true,
		newArgs: func() any { return new(Args) },
		invoke: func(ctx context.Context, a any) (any, error) {
			return nil, h(ctx, m.request(a.(*Args)))
		},
	})
}

// HandleArgs registers h to serve the method called name with its whole args
// and result structs, for methods Method cannot describe: several
// parameters, a void or scalar result. h fills result (success field 0, or a
// declared exception); an error it returns goes back as with Handle's
// undeclared errors.
func HandleArgs[Args, Result any](s *Server, name string, h func(ctx context.Context, args *Args, result *Result) error) {
	if _, err := structType[Args](); err != nil {
		panic(fmt.Errorf("rpc: method %q: args: %w", name, err))
	}
	if _, err := structType[Result](); err != nil {
		panic(fmt.Errorf("rpc: method %q: result: %w", name, err))
	}
	s.register(name, &methodHandler{
		newArgs: func() any { return new(Args) },
		invoke: func(ctx context.Context, a any) (any, error) {
			result := new(Result)
			if err := h(ctx, a.(*Args), result); err != nil {
				return nil, err
			}
			return result, nil
		},
	})
}
