package rpc

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestNewMethodChecksTheStructs(t *testing.T) {
	type noReq struct {
		Other *EchoRequest `frugal:"2,default,EchoRequest"`
	}
	type wrongReq struct {
		Req *EchoResponse `frugal:"1,default,EchoResponse"`
	}
	type noSuccess struct {
		Err *EchoError `frugal:"1,optional,EchoError"`
	}
	check := func(name string, err error, want string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want one mentioning %q", name, err, want)
		}
	}
	_, err := NewMethod[noReq, EchoEchoResult, EchoRequest, EchoResponse]("M")
	check("args without field 1", err, "no field with Thrift id 1")
	_, err = NewMethod[wrongReq, EchoEchoResult, EchoRequest, EchoResponse]("M")
	check("args field 1 of the wrong type", err, "has type *rpc.EchoResponse")
	_, err = NewMethod[EchoEchoArgs, noSuccess, EchoRequest, EchoResponse]("M")
	check("result without success", err, "no field with Thrift id 0")
	_, err = NewMethod[*EchoEchoArgs, EchoEchoResult, EchoRequest, EchoResponse]("M")
	check("pointer args", err, "not a struct")
	_, err = NewOnewayMethod[noReq, EchoRequest]("M")
	check("oneway args without field 1", err, "no field with Thrift id 1")
}

func TestMethodFindsDeclaredExceptions(t *testing.T) {
	if got := len(echoMethod.exceptions); got != 1 {
		t.Fatalf("Echo has %d declared exceptions, want 1", got)
	}
	if got := len(strictMethod.exceptions); got != 0 {
		t.Fatalf("Strict has %d declared exceptions, want 0", got)
	}
}

func TestThriftTagAloneGivesTheFieldID(t *testing.T) {
	type args struct {
		Req *EchoRequest `thrift:"req,1"`
	}
	m, err := NewOnewayMethod[args, EchoRequest]("M")
	if err != nil || m.Name() != "M" {
		t.Fatalf("%v, %v", m, err)
	}
}

func TestRegistrationMistakesPanic(t *testing.T) {
	s := NewServer()
	Handle(s, echoMethod, newEchoService().Echo)
	mustPanic(t, "registered twice", func() { Handle(s, echoMethod, newEchoService().Echo) })
	mustPanic(t, "not a struct", func() {
		HandleArgs(s, "X", func(_ context.Context, _ *int, _ *EchoEchoResult) error { return nil })
	})
}

func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		p := recover()
		if p == nil || !strings.Contains(fmt.Sprint(p), want) {
			t.Fatalf("panic %v, want one mentioning %q", p, want)
		}
	}()
	f()
}
