package rpc

import (
	"sync"
	"time"
)

// shmCloseTimeout bounds the waits of a session's close for the other side
// to close its ends of the streams, or for the client to close the session
// (see shmStream). A live peer takes a round trip.
const shmCloseTimeout = 5 * time.Second

// shmReaders is the set of one side of a session's streams whose readers
// run, so that the session closes only after them. It goes from open to
// ending (new streams are ended at once) to closed (new streams get no
// reader: a session's close closes them, and nothing else touches them).
type shmReaders struct {
	mu      sync.Mutex
	streams map[*shmStream]struct{}
	ending  bool
	closed  bool
	empty   chan struct{} // closed when streams becomes empty; nil while it is
}

// add counts s's reader in, and reports whether the set is ending, in
// which case the caller ends s at once. Once the set is closed, it reports
// !ok: s must get no reader.
func (r *shmReaders) add(s *shmStream) (ending, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false, false
	}
	if r.streams == nil {
		r.streams = make(map[*shmStream]struct{})
	}
	if len(r.streams) == 0 {
		r.empty = make(chan struct{})
	}
	r.streams[s] = struct{}{}
	return r.ending, true
}

// remove counts s's reader out, once it has closed s.
func (r *shmReaders) remove(s *shmStream) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.streams, s)
	if len(r.streams) == 0 && r.empty != nil {
		close(r.empty)
		r.empty = nil
	}
}

// markEnding marks the set ending, so that isEnding says so before end is
// called.
func (r *shmReaders) markEnding() {
	r.mu.Lock()
	r.ending = true
	r.mu.Unlock()
}

// endStreams marks the set ending and ends every stream, without waiting.
func (r *shmReaders) endStreams() {
	r.mu.Lock()
	r.ending = true
	streams := make([]*shmStream, 0, len(r.streams))
	for s := range r.streams {
		streams = append(streams, s)
	}
	r.mu.Unlock()
	for _, s := range streams {
		s.end()
	}
}

// isEnding reports whether the set is ending (or closed).
func (r *shmReaders) isEnding() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ending
}

// end marks the set ending, ends every stream, waits until no reader runs,
// and closes the set; it reports whether the readers were gone before
// timeout passed (the set is closed then anyway). Readers added meanwhile
// are ended and waited for too.
func (r *shmReaders) end(timeout time.Duration) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		r.mu.Lock()
		r.ending = true
		if len(r.streams) == 0 {
			r.closed = true
			r.mu.Unlock()
			return true
		}
		streams := make([]*shmStream, 0, len(r.streams))
		for s := range r.streams {
			streams = append(streams, s)
		}
		empty := r.empty
		r.mu.Unlock()

		for _, s := range streams {
			s.end()
		}
		select {
		case <-empty:
		case <-timer.C:
			r.mu.Lock()
			r.closed = true
			r.mu.Unlock()
			return false
		}
	}
}
