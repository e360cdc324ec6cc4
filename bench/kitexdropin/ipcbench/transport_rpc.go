package ipcbench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/frugaljit/frugal/rpc"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
)

// echoMethod is Echo for this repository's rpc package, on the structs the
// kitex tool generated (encoded through their frugal tags).
var echoMethod = rpc.MustMethod[ipcecho.IPCEchoServiceEchoArgs, ipcecho.IPCEchoServiceEchoResult, ipcecho.EchoRequest, ipcecho.EchoResponse]("Echo")

// stopTimeout bounds a server's shutdown.
const stopTimeout = 5 * time.Second

// rpcEcho is the echo service on an rpc server, and an rpc client of it.
type rpcEcho struct {
	server *rpc.Server
	served chan error // Serve's result
	client *rpc.Client
	dir    string // the Unix socket's directory, removed on Close
}

// rpcStarter returns the Start of the rpc package's transport on network
// ("tcp", "unix", or "shmipc": shared memory, its sessions started on a Unix
// socket): framed binary, a client with a pool of conns connections (over
// shmipc, streams of one session).
func rpcStarter(network string) func(conns int) (Echoer, error) {
	return func(conns int) (Echoer, error) {
		ln, dir, err := listen(network)
		if err != nil {
			return nil, err
		}
		e := &rpcEcho{server: rpc.NewServer(), served: make(chan error, 1), dir: dir}
		rpc.Handle(e.server, echoMethod, echo)
		go func() {
			if network == "shmipc" {
				e.served <- e.server.ServeShmIPC(ln)
			} else {
				e.served <- e.server.Serve(ln)
			}
		}()
		e.client, err = rpc.NewClient(network, ln.Addr().String(), rpc.WithPoolSize(conns))
		if err != nil {
			return nil, errors.Join(err, e.Close())
		}
		return e, nil
	}
}

// listen listens on loopback TCP or (for "unix" and "shmipc") on a Unix
// socket in a new directory, which it returns ("" for TCP).
func listen(network string) (net.Listener, string, error) {
	if network == "tcp" {
		ln, err := net.Listen(network, "127.0.0.1:0")
		return ln, "", err
	}
	// A short path: a socket's path is limited to 108 bytes.
	dir, err := os.MkdirTemp("", "ipcbench")
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "echo.sock"))
	if err != nil {
		return nil, "", errors.Join(err, os.RemoveAll(dir))
	}
	return ln, dir, nil
}

// Echo implements Echoer.
func (e *rpcEcho) Echo(ctx context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	return echoMethod.Call(ctx, e.client, req)
}

// Close implements Echoer.
func (e *rpcEcho) Close() error {
	var errs []error
	if e.client != nil {
		errs = append(errs, e.client.Close())
	}
	ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
	defer cancel()
	errs = append(errs, e.server.Shutdown(ctx))
	if err := <-e.served; !errors.Is(err, rpc.ErrServerClosed) {
		errs = append(errs, fmt.Errorf("rpc server: Serve returned %v", err))
	}
	if e.dir != "" {
		errs = append(errs, os.RemoveAll(e.dir))
	}
	return errors.Join(errs...)
}
