package conformance

import (
	"testing"

	"go.uber.org/goleak"
)

// verifyNoLeaks fails t if goroutines that were not running when it was
// called are still running after t and all its cleanups have ended. Call it
// first in a test, so that its cleanup runs last. netpoll's pollers are
// process-wide and live for the whole process by design, so they are the
// one exception (as in rpc's own TestMain).
func verifyNoLeaks(t *testing.T) {
	t.Helper()
	opts := []goleak.Option{
		goleak.IgnoreCurrent(),
		goleak.IgnoreAnyFunction("github.com/cloudwego/netpoll.(*defaultPoll).Wait"),
	}
	t.Cleanup(func() { goleak.VerifyNone(t, opts...) })
}
