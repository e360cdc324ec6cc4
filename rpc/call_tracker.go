package rpc

import "sync"

// callTracker counts the calls a server is running, so that a graceful
// shutdown can stop taking new calls and wait for the running ones.
type callTracker struct {
	mu       sync.Mutex
	active   int
	draining bool
	idle     chan struct{} // closed when draining and active reaches 0
}

// begin admits a call, or reports false once draining has started.
func (t *callTracker) begin() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.draining {
		return false
	}
	t.active++
	return true
}

// end marks an admitted call finished.
func (t *callTracker) end() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.active--
	if t.draining && t.active == 0 && t.idle != nil {
		close(t.idle)
		t.idle = nil
	}
}

// drain stops admitting calls and returns a channel that is closed once every
// admitted call has ended.
func (t *callTracker) drain() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.draining = true
	done := make(chan struct{})
	if t.active == 0 {
		close(done)
	} else {
		t.idle = done
	}
	return done
}
