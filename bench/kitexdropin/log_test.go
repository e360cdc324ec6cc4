package kitexdropin

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudwego/kitex/pkg/klog"
)

// logBuffer collects Kitex's log output (klog) while a test runs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor reports whether s appears in the log within d (the server logs
// after the client has seen the connection close).
func (l *logBuffer) waitFor(s string, d time.Duration) bool {
	for end := time.Now().Add(d); ; time.Sleep(5 * time.Millisecond) {
		if strings.Contains(l.String(), s) {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// captureLog sends klog's output to a buffer until the test ends.
func captureLog(t *testing.T) *logBuffer {
	l := new(logBuffer)
	klog.SetOutput(l)
	t.Cleanup(func() { klog.SetOutput(os.Stderr) })
	return l
}
