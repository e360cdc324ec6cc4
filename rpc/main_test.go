package rpc

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any test leaves a goroutine or a
// shared-memory file behind. netpoll's pollers and shmipc's event loop are
// process-wide and live for the whole process by design, so they are the
// exceptions.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(
			goleak.IgnoreAnyFunction("github.com/cloudwego/netpoll.(*defaultPoll).Wait"),
			goleak.IgnoreAnyFunction("github.com/cloudwego/shmipc-go.(*epollDispatcher).runLoop.func1"),
		); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: errors on a successful test run: %v\n", err)
			code = 1
		}
		if files := shmFiles(); len(files) > 0 {
			fmt.Fprintf(os.Stderr, "shared-memory files left behind: %v\n", files)
			code = 1
		}
	}
	os.Exit(code)
}
