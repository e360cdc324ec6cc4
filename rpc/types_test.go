package rpc

import (
	"context"
	"errors"
	"fmt"
)

// The structs below are what thriftgo -g go:frugal_tag generates for
//
//	struct EchoRequest { 1: required string msg, 2: i64 id, 3: binary payload }
//	struct EchoResponse { 1: string msg, 2: i64 id, 3: binary payload }
//	struct Strict { 1: required EchoRequest inner }
//	exception EchoError { 1: i32 code, 2: string message }
//	service Echo {
//	  EchoResponse Echo(1: EchoRequest req) throws (1: EchoError err)
//	  Strict Strict(1: EchoRequest req)
//	  oneway void Notify(1: EchoRequest req)
//	}
//
// without the Apache Thrift methods, which this package does not use.

type EchoRequest struct {
	Msg     string `thrift:"msg,1,required" frugal:"1,required,string"`
	ID      int64  `thrift:"id,2" frugal:"2,default,i64"`
	Payload []byte `thrift:"payload,3" frugal:"3,default,binary"`
}

type EchoResponse struct {
	Msg     string `thrift:"msg,1" frugal:"1,default,string"`
	ID      int64  `thrift:"id,2" frugal:"2,default,i64"`
	Payload []byte `thrift:"payload,3" frugal:"3,default,binary"`
}

type Strict struct {
	Inner *EchoRequest `thrift:"inner,1,required" frugal:"1,required,EchoRequest"`
}

type EchoError struct {
	Code    int32  `thrift:"code,1" frugal:"1,default,i32"`
	Message string `thrift:"message,2" frugal:"2,default,string"`
}

func (e *EchoError) Error() string { return fmt.Sprintf("EchoError(%d): %s", e.Code, e.Message) }

type EchoEchoArgs struct {
	Req *EchoRequest `thrift:"req,1" frugal:"1,default,EchoRequest"`
}

type EchoEchoResult struct {
	Success *EchoResponse `thrift:"success,0,optional" frugal:"0,optional,EchoResponse"`
	Err     *EchoError    `thrift:"err,1,optional" frugal:"1,optional,EchoError"`
}

type EchoStrictArgs struct {
	Req *EchoRequest `thrift:"req,1" frugal:"1,default,EchoRequest"`
}

type EchoStrictResult struct {
	Success *Strict `thrift:"success,0,optional" frugal:"0,optional,Strict"`
}

type EchoNotifyArgs struct {
	Req *EchoRequest `thrift:"req,1" frugal:"1,default,EchoRequest"`
}

var (
	echoMethod   = MustMethod[EchoEchoArgs, EchoEchoResult, EchoRequest, EchoResponse]("Echo")
	strictMethod = MustMethod[EchoStrictArgs, EchoStrictResult, EchoRequest, Strict]("Strict")
	notifyMethod = MustOnewayMethod[EchoNotifyArgs, EchoRequest]("Notify")
)

// echoService answers Echo by its request's Msg: most messages come back as
// they are; a few words make it fail or wait in the ways the tests need.
type echoService struct {
	blocked  chan string   // a "block" call sends its ID's text here once running
	release  chan struct{} // closing it lets every "block" call return
	notified chan *EchoRequest
}

func newEchoService() *echoService {
	return &echoService{
		blocked:  make(chan string, 64),
		release:  make(chan struct{}),
		notified: make(chan *EchoRequest, 64),
	}
}

func (s *echoService) Echo(ctx context.Context, req *EchoRequest) (*EchoResponse, error) {
	switch req.Msg {
	case "panic":
		panic("handler exploded")
	case "declared":
		return nil, &EchoError{Code: 42, Message: "declared failure"}
	case "wrapped declared":
		return nil, fmt.Errorf("context: %w", &EchoError{Code: 43, Message: "wrapped"})
	case "undeclared":
		return nil, errors.New("plain failure")
	case "nil":
		return nil, nil
	case "block":
		s.blocked <- fmt.Sprint(req.ID)
		select {
		case <-s.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &EchoResponse{Msg: req.Msg, ID: req.ID, Payload: req.Payload}, nil
}

func (s *echoService) Strict(_ context.Context, req *EchoRequest) (*Strict, error) {
	return &Strict{}, nil // Inner is required and nil: the result cannot be encoded
}

func (s *echoService) Notify(_ context.Context, req *EchoRequest) error {
	s.notified <- req
	return nil
}
