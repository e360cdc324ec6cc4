package rpc

import (
	"sync"
	"time"

	"github.com/cloudwego/shmipc-go"
)

// shmServerSides holds, by session ID, the server side of every session
// this process serves. Both sides of a session know it by the same ID (its
// queue's name). When a client closes a session whose server side runs in
// this process (tests, benchmarks, a sidecar linked in), it ends that side's
// streams and waits for its readers too, then closes both sides itself:
// each side's teardown then follows its own goroutines, which nothing orders
// when a session is torn down because the peer closed it (shmStream), and
// the server need not wait for shmipc's event loop to notice the closed
// socket (up to two seconds, as it wakes at least once a second). Across
// processes there is nothing to find.
var shmServerSides sync.Map // string -> *shmServerSession

// shmServerSide returns the server side of session, if this process serves it.
func shmServerSide(session *shmipc.Session) *shmServerSession {
	if v, ok := shmServerSides.Load(session.ID()); ok {
		return v.(*shmServerSession)
	}
	return nil
}

// closeShmSession closes a client's session, its readers being gone (its
// shmReaders ended), and its server side if this process serves it, once
// that side's readers are gone too. A client's readers end only when the
// server has closed their streams, so the server side exists by then.
func closeShmSession(manager *shmipc.SessionManager, session *shmipc.Session, timeout time.Duration) {
	var server *shmServerSession
	if session != nil {
		if server = shmServerSide(session); server != nil {
			server.readers.end(timeout)
		}
	}
	_ = manager.Close()
	if server != nil {
		server.session.Close()
	}
}
