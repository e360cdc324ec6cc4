package conformance

import (
	"errors"

	"github.com/frugaljit/frugal/rpc"

	"github.com/frugaljit/frugal/conformance/gen/services/rpcapache"
)

// The methods of idl/rpcapache.thrift's EchoService for this repository's
// rpc package, on the structs thriftgo generated (the same ones the Apache
// client and processor use).
var (
	apacheEchoMethod   = rpc.MustMethod[rpcapache.EchoServiceEchoArgs, rpcapache.EchoServiceEchoResult, rpcapache.EchoRequest, rpcapache.EchoRequest]("Echo")
	apacheNotifyMethod = rpc.MustOnewayMethod[rpcapache.EchoServiceNotifyArgs, rpcapache.Item]("Notify")
)

// apacheDeclaredCode is the Code of the EchoError the servers return.
const apacheDeclaredCode = 42

// errApacheUndeclared is the error, not declared in the IDL, that the
// servers' Echo returns for rpcapache.Outcome_Undeclared.
var errApacheUndeclared = errors.New("echo failed in a way the IDL does not declare")

// apacheEchoOutcome is Echo's handler, shared by the rpc server and the
// Apache server of the tests: it returns req, or fails as req.Outcome says.
func apacheEchoOutcome(req *rpcapache.EchoRequest) (*rpcapache.EchoRequest, error) {
	switch req.Outcome {
	case rpcapache.Outcome_Declared:
		return nil, apacheDeclaredError(req)
	case rpcapache.Outcome_Undeclared:
		return nil, errApacheUndeclared
	case rpcapache.Outcome_Panic:
		panic("echo handler panics on request")
	}
	return req, nil
}

// apacheDeclaredError is the declared exception Echo fails with for req.
func apacheDeclaredError(req *rpcapache.EchoRequest) *rpcapache.EchoError {
	return &rpcapache.EchoError{Message: req.Text, Code: apacheDeclaredCode}
}
