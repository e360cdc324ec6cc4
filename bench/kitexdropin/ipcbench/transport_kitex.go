package ipcbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/cloudwego/kitex/client"
	"github.com/cloudwego/kitex/pkg/connpool"
	"github.com/cloudwego/kitex/server"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho/ipcechoservice"
)

// kitexEcho is the echo service on a Kitex v0.16.3 server over loopback
// TCP, and a Kitex client of it, both with Kitex's defaults: framed
// transport, the generated FastCodec, and a long-connection pool, here of
// conns connections (each call in flight holds one); only the connect
// timeout is longer.
type kitexEcho struct {
	server server.Server
	served chan error // Run's result
	client client.Client
}

// kitexHandler serves the echo service to Kitex (which takes a pointer).
type kitexHandler struct{}

// Echo implements ipcecho.IPCEchoService.
func (*kitexHandler) Echo(ctx context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	return echo(ctx, req)
}

// startKitex is the Start of the "kitex-tcp" transport.
func startKitex(conns int) (Echoer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &kitexEcho{served: make(chan error, 1)}
	// Kitex waits ExitWaitTime (default 5s) for connections to go idle on
	// Stop; the client is closed first, so a short wait is enough.
	e.server = ipcechoservice.NewServer(&kitexHandler{}, server.WithListener(ln),
		server.WithExitWaitTime(10*time.Millisecond))
	go func() { e.served <- e.server.Run() }()
	// The generated ipcechoservice.NewClient hides the client's Close, so
	// the client is built the way that code builds it, from the service
	// info, and calls are made as it makes them. Kitex's default connect
	// timeout (50ms) is raised to the rpc client's, so that a busy machine
	// does not make it dial twice.
	e.client, err = client.NewClient(ipcechoservice.NewServiceInfoForClient(),
		client.WithDestService("ipcecho"), client.WithHostPorts(ln.Addr().String()),
		client.WithConnectTimeout(5*time.Second),
		client.WithLongConnection(connpool.IdleConfig{MaxIdlePerAddress: conns, MaxIdleGlobal: conns, MaxIdleTimeout: time.Minute}))
	if err != nil {
		return nil, errors.Join(err, e.Close())
	}
	return e, nil
}

// Echo implements Echoer.
func (e *kitexEcho) Echo(ctx context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	args := ipcecho.IPCEchoServiceEchoArgs{Req: req}
	var result ipcecho.IPCEchoServiceEchoResult
	if err := e.client.Call(ctx, "Echo", &args, &result); err != nil {
		return nil, err
	}
	return result.GetSuccess(), nil
}

// Close implements Echoer.
func (e *kitexEcho) Close() error {
	var errs []error
	if c, ok := e.client.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	errs = append(errs, e.server.Stop())
	select {
	case err := <-e.served:
		errs = append(errs, err)
	case <-time.After(stopTimeout):
		errs = append(errs, fmt.Errorf("kitex server: Run did not return %v after Stop", stopTimeout))
	}
	return errors.Join(errs...)
}
