// Package rpc is a compact Thrift RPC layer on the frugal codec: a server and
// a client that exchange framed binary-protocol messages over TCP and Unix
// sockets, through cloudwego/netpoll, or over shared memory, through
// cloudwego/shmipc-go.
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
//
// Shared memory (srv.ServeShmIPC(ln) on a Unix socket listener, and
// NewClient("shmipc", path)) carries the same messages, framing, limits and
// timeouts between two processes of one Linux host, without a copy through
// the kernel: a client opens one shmipc session per server, a Unix socket
// connection plus memory both sides map (a 32 MiB buffer and a queue, in
// files under /dev/shm, or with WithShmIPCMemFd in memfd regions), and its
// pool of connections is a pool of streams in that session. The bytes of a
// call and its reply go through the buffer; the socket only wakes the other
// side. A request that lies in one slice of the buffer is decoded where it
// lies; each side copies what it sends into the buffer once. A client deletes its files when
// it closes (a killed process leaves them, named
// /dev/shm/frugal-rpc-PID-...), and NewClient fails clearly where /dev/shm
// is missing. shmipc's own logs are silenced unless SHMIPC_LOG_LEVEL is set
// (then they go to stderr).
package rpc
