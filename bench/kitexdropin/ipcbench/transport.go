package ipcbench

import (
	"context"
	"fmt"
	"strings"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
)

// Echoer is a running echo server and a client connected to it.
type Echoer interface {
	// Echo calls the server and returns its reply. It is called from
	// several goroutines at once.
	Echo(ctx context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error)
	// Close closes the client, then shuts the server down and waits for it
	// to stop.
	Close() error
}

// Transport is one way of serving and calling the echo service.
type Transport struct {
	// Name selects the transport (the command's -transports flag).
	Name string
	// Title names it in the table's heading.
	Title string
	// Versus is the Name of the transport this one's ratios are computed
	// against, or empty for none.
	Versus string
	// Start serves the echo service and returns a client for it that
	// spreads its calls over conns connections.
	Start func(conns int) (Echoer, error)
}

// registry lists the transports in the order they are run and printed.
var registry = []Transport{
	{Name: "tcp", Title: "TCP", Versus: "kitex-tcp", Start: rpcStarter("tcp")},
	{Name: "uds", Title: "UDS", Versus: "tcp", Start: rpcStarter("unix")},
	{Name: "shmipc", Title: "SHMIPC", Versus: "tcp", Start: rpcStarter("shmipc")},
	{Name: "kitex-tcp", Title: "Kitex TCP", Start: startKitex},
}

// Transports returns every registered transport, in the order they run.
func Transports() []Transport {
	return append([]Transport(nil), registry...)
}

// Lookup returns the transports with the given names, in that order.
func Lookup(names ...string) ([]Transport, error) {
	var ts []Transport
	for _, name := range names {
		t, ok := find(name)
		if !ok {
			return nil, fmt.Errorf("ipcbench: no transport %q (have %s)", name, strings.Join(transportNames(), ", "))
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func find(name string) (Transport, bool) {
	for _, t := range registry {
		if t.Name == name {
			return t, true
		}
	}
	return Transport{}, false
}

func transportNames() []string {
	names := make([]string, len(registry))
	for i, t := range registry {
		names[i] = t.Name
	}
	return names
}
