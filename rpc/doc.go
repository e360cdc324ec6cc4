// Package rpc is a compact Thrift RPC layer on the frugal codec: a server and
// a client that exchange framed binary-protocol messages over TCP and Unix
// sockets, through cloudwego/netpoll.
//
// A service method is described once, by the args and result structs that
// thriftgo generates for it (`-g go:frugal_tag`), and used on both sides:
//
//	var echo = rpc.MustMethod[EchoArgs, EchoResult, EchoRequest, EchoResponse]("Echo")
//
//	srv := rpc.NewServer()
//	rpc.Handle(srv, echo, func(ctx context.Context, req *EchoRequest) (*EchoResponse, error) { ... })
//	go srv.Serve(ln)
//
//	client, _ := rpc.NewClient("tcp", addr)
//	resp, err := echo.Call(ctx, client, &EchoRequest{...})
//
// A handler's error that is one of the method's declared exceptions travels
// in the result struct and comes back from Call as that exception; any other
// error, and a panic in a handler, reaches the caller as a
// *protocol.ApplicationError (TApplicationException).
//
// The server runs the calls of one connection concurrently and answers each
// as it finishes; the client matches replies to calls by sequence id, so many
// calls share a connection. Messages travel in frames (a 4-byte length, then
// the message), the transport Apache Thrift calls TFramedTransport, or in
// TTHeader frames, the header transport Kitex uses by default
// (WithTransport(TTHeader) on a client; a server tells the two apart on each
// connection from its first frame). Over TTHeader a call carries metadata:
// the client's (WithTTHeaderInfo), the call's own (WithCallTTHeaderInfo),
// and the time its context leaves, which the server turns into the
// deadline of the handler's context; handlers read the rest with
// TTHeaderFromContext. Payloads are encoded and decoded with frugal's
// public API only.
package rpc
