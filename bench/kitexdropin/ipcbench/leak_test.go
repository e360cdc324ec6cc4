package ipcbench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// leakMarks are functions that no goroutine should be in once every
// transport is closed: the rpc package's, this package's, Kitex's server
// and client, and shmipc's sessions and session managers. Kitex's, netpoll's
// and shmipc's process-wide workers (pollers, gopool, shmipc's event loop)
// live on, by their design, and are not looked for.
var leakMarks = []string{
	"github.com/frugaljit/frugal/rpc.",
	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench.",
	"github.com/cloudwego/kitex/server.",
	"github.com/cloudwego/kitex/pkg/remote/trans/netpoll.",
	"github.com/cloudwego/shmipc-go.(*Session).",
	"github.com/cloudwego/shmipc-go.(*SessionManager).",
}

// checkNoGoroutinesLeft fails t if, after a grace period for goroutines
// that are returning, a goroutine other than the caller's runs one of the
// leakMarks.
func checkNoGoroutinesLeft(t *testing.T) {
	t.Helper()
	var left []string
	for end := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		left = leftGoroutines()
		if len(left) == 0 || time.Now().After(end) {
			break
		}
	}
	for _, g := range left {
		t.Errorf("goroutine left behind:\n%s", g)
	}
}

func leftGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	// The first stack is the caller's own.
	stacks := strings.Split(string(buf), "\n\n")[1:]
	var left []string
	for _, g := range stacks {
		for _, mark := range leakMarks {
			if strings.Contains(g, mark) && !strings.Contains(g, "testing.tRunner") {
				left = append(left, g)
				break
			}
		}
	}
	return left
}

// checkNoShmFilesLeft fails t if a shared-memory file of this process is
// left under /dev/shm: the rpc package names its clients' files
// /dev/shm/frugal-rpc-PID-..., and deletes them when a client closes.
func checkNoShmFilesLeft(t *testing.T) {
	t.Helper()
	files, err := filepath.Glob(fmt.Sprintf("/dev/shm/frugal-rpc-%d-*", os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Errorf("shared-memory file left behind: %s", f)
	}
}
