package rpc

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cloudwego/shmipc-go"
)

// shmDir is where shmipc keeps a session's files, unless WithShmIPCMemFd.
// A variable so that a test can point it at a missing directory.
var shmDir = "/dev/shm"

// shmFilePrefix starts the name of every shared-memory file this process
// makes: the pid says whose a file left by a crash is, and the random part
// keeps processes of other PID namespaces sharing /dev/shm apart.
var shmFilePrefix = fmt.Sprintf("frugal-rpc-%d-%08x-", os.Getpid(), rand.Uint32())

var shmClients atomic.Uint64

// newShmPrefix returns a path prefix that no other client of this process
// uses; a client's session files are named PREFIX.SESSION_*.
func newShmPrefix() string {
	return filepath.Join(shmDir, shmFilePrefix+strconv.FormatUint(shmClients.Add(1), 10))
}

// removeShmFiles deletes the files whose names start with prefix and a
// dot: a client's, or one of its sessions'. shmipc deletes them itself, but from its event loop, which
// may get to it a second later: after the process has exited, maybe.
// Deleting a file that the peer still maps is safe; the memory goes when
// the last mapping does.
func removeShmFiles(prefix string) {
	files, _ := filepath.Glob(prefix + ".*")
	for _, f := range files {
		_ = os.Remove(f)
	}
}

// shmSupported reports whether shmipc runs here: Linux on amd64 or arm64.
func shmSupported() error {
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		return fmt.Errorf("rpc: shmipc runs on Linux on amd64 or arm64, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	return nil
}

// checkShmDir reports a clear error where shmipc would otherwise fail with
// "share memory had not left space" (or create the directory, as root).
func checkShmDir() error {
	fi, err := os.Stat(shmDir)
	if err == nil && !fi.IsDir() {
		err = errors.New("not a directory")
	}
	if err != nil {
		return fmt.Errorf("rpc: shmipc keeps its shared memory in files under %s, which is unusable here (%v): "+
			"mount a tmpfs there, or use WithShmIPCMemFd", shmDir, err)
	}
	return nil
}

var shmLogOnce sync.Once

// shmipcLevelNoPrint is shmipc's level that prints nothing (its levelNoPrint).
const shmipcLevelNoPrint = 5

// shmLog returns where shmipc's session loggers write. shmipc prints to
// stdout by default, at warning level, things such as every session's
// cleanup; a library must not. So its global logger is silenced (once,
// before this package starts any shmipc session) and its session loggers
// discard, unless SHMIPC_LOG_LEVEL, shmipc's own switch, asks for its logs:
// then they go to stderr.
func shmLog() io.Writer {
	wanted := os.Getenv("SHMIPC_LOG_LEVEL") != ""
	shmLogOnce.Do(func() {
		if !wanted {
			shmipc.SetLogLevel(shmipcLevelNoPrint)
		}
	})
	if wanted {
		return os.Stderr
	}
	return io.Discard
}

// shmServerConfig is the configuration of a server's sessions; the client
// chooses the memory, the server maps what it is given.
func shmServerConfig(o options) *shmipc.Config {
	c := shmipc.DefaultConfig()
	c.LogOutput = shmLog()
	c.InitializeTimeout = shmHandshakeTimeout
	if o.writeTimeout > 0 {
		c.ConnectionWriteTimeout = o.writeTimeout
	}
	return c
}

// shmHandshakeTimeout bounds a server's wait for a new session's client to
// send what it maps.
const shmHandshakeTimeout = 5 * time.Second

// shmClientConfig is the configuration of a client's session whose files
// start with prefix.
func shmClientConfig(path, prefix string, timeout time.Duration, o options) *shmipc.SessionManagerConfig {
	c := shmipc.DefaultSessionManagerConfig()
	c.Network = "unix"
	c.Address = path
	c.SessionNum = 1 // the pool is of streams (WithPoolSize), in one session
	c.LogOutput = shmLog()
	c.InitializeTimeout = timeout
	if o.writeTimeout > 0 {
		c.ConnectionWriteTimeout = o.writeTimeout // also bounds dialing the socket
	}
	// A new name per session: shmipc refuses to make a queue file that
	// exists, and a closed session's files go only when its event loop
	// gets to it.
	c.ShareMemoryPathPrefix = prefix
	c.QueuePath = c.ShareMemoryPathPrefix + "_queue" // shmipc names it again, per session
	if o.shmMemFd {
		c.MemMapType = shmipc.MemMapTypeMemFd
	}
	return c
}
