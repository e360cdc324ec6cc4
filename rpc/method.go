package rpc

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/frugaljit/frugal/rpc/protocol"
)

// Method describes a two-way service method by the structs thriftgo generates
// for it: Args, whose field 1 is the request (*Req), and Result, whose field 0
// is the response (*Resp) and whose other pointer fields that implement error
// are the declared exceptions. The same Method serves Handle on a server and
// Call on a client. Methods of other shapes (several parameters, void) can
// use HandleArgs and Client.Invoke with the structs directly.
type Method[Args, Result, Req, Resp any] struct {
	name       string
	reqIndex   int
	success    int
	exceptions []exceptionField
}

// NewMethod checks that Args and Result have the shape Method describes and
// returns the descriptor of the method called name.
func NewMethod[Args, Result, Req, Resp any](name string) (*Method[Args, Result, Req, Resp], error) {
	argsType, err := structType[Args]()
	if err != nil {
		return nil, fmt.Errorf("rpc: method %q: args: %w", name, err)
	}
	resultType, err := structType[Result]()
	if err != nil {
		return nil, fmt.Errorf("rpc: method %q: result: %w", name, err)
	}
	m := &Method[Args, Result, Req, Resp]{name: name}
	if m.reqIndex, err = fieldWithID(argsType, 1, reflect.TypeFor[*Req]()); err != nil {
		return nil, fmt.Errorf("rpc: method %q: %w", name, err)
	}
	if m.success, err = fieldWithID(resultType, 0, reflect.TypeFor[*Resp]()); err != nil {
		return nil, fmt.Errorf("rpc: method %q: %w", name, err)
	}
	m.exceptions = exceptionFields(resultType)
	return m, nil
}

// MustMethod is NewMethod for package-level variables: it panics where
// NewMethod returns an error, which only a wrong pair of types causes.
func MustMethod[Args, Result, Req, Resp any](name string) *Method[Args, Result, Req, Resp] {
	m, err := NewMethod[Args, Result, Req, Resp](name)
	if err != nil {
		panic(err)
	}
	return m
}

// Name is the method's name as it travels in the message header.
func (m *Method[Args, Result, Req, Resp]) Name() string { return m.name }

// Call calls the method through c and returns the response, or the declared
// exception the server returned, or an error for anything else (a
// *protocol.ApplicationError from the server, a context or connection error).
func (m *Method[Args, Result, Req, Resp]) Call(ctx context.Context, c *Client, req *Req) (*Resp, error) {
	var args Args
	reflect.ValueOf(&args).Elem().Field(m.reqIndex).Set(reflect.ValueOf(req))
	var result Result
	if err := c.Invoke(ctx, m.name, &args, &result); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(&result).Elem()
	for _, ex := range m.exceptions {
		if f := rv.Field(ex.index); !f.IsNil() {
			return nil, f.Interface().(error)
		}
	}
	resp := rv.Field(m.success).Interface().(*Resp)
	if resp == nil {
		return nil, protocol.NewApplicationError(protocol.MissingResult, "%s: the reply has neither a result nor an exception", m.name)
	}
	return resp, nil
}

func (m *Method[Args, Result, Req, Resp]) request(args *Args) *Req {
	return reflect.ValueOf(args).Elem().Field(m.reqIndex).Interface().(*Req)
}

// fillResult stores a handler's outcome in result: the response as success,
// or the error in the field of the declared exception it is. It reports false
// when err is not a declared exception.
func (m *Method[Args, Result, Req, Resp]) fillResult(result *Result, resp *Resp, err error) bool {
	rv := reflect.ValueOf(result).Elem()
	if err == nil {
		rv.Field(m.success).Set(reflect.ValueOf(resp))
		return true
	}
	for _, ex := range m.exceptions {
		target := reflect.New(ex.typ)
		if errors.As(err, target.Interface()) && !target.Elem().IsNil() {
			rv.Field(ex.index).Set(target.Elem())
			return true
		}
	}
	return false
}

// OnewayMethod describes a oneway method: the caller sends the request and
// gets no reply, not even an error from the handler. thriftgo generates only
// the Args struct (field 1 the request) for such a method.
type OnewayMethod[Args, Req any] struct {
	name     string
	reqIndex int
}

// NewOnewayMethod checks Args and returns the descriptor of the oneway
// method called name.
func NewOnewayMethod[Args, Req any](name string) (*OnewayMethod[Args, Req], error) {
	argsType, err := structType[Args]()
	if err != nil {
		return nil, fmt.Errorf("rpc: method %q: args: %w", name, err)
	}
	m := &OnewayMethod[Args, Req]{name: name}
	if m.reqIndex, err = fieldWithID(argsType, 1, reflect.TypeFor[*Req]()); err != nil {
		return nil, fmt.Errorf("rpc: method %q: %w", name, err)
	}
	return m, nil
}

// MustOnewayMethod is NewOnewayMethod that panics on a wrong Args type.
func MustOnewayMethod[Args, Req any](name string) *OnewayMethod[Args, Req] {
	m, err := NewOnewayMethod[Args, Req](name)
	if err != nil {
		panic(err)
	}
	return m
}

// Name is the method's name as it travels in the message header.
func (m *OnewayMethod[Args, Req]) Name() string { return m.name }

// Send sends req and returns once it is written to the connection; the error
// says only whether it could be sent.
func (m *OnewayMethod[Args, Req]) Send(ctx context.Context, c *Client, req *Req) error {
	var args Args
	reflect.ValueOf(&args).Elem().Field(m.reqIndex).Set(reflect.ValueOf(req))
	return c.InvokeOneway(ctx, m.name, &args)
}

func (m *OnewayMethod[Args, Req]) request(args *Args) *Req {
	return reflect.ValueOf(args).Elem().Field(m.reqIndex).Interface().(*Req)
}
