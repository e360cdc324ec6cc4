package rpc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cloudwego/netpoll"
)

// netpollDialer dials a Client's connections over TCP or Unix sockets.
type netpollDialer struct {
	network, address string
	opts             options
}

func (d *netpollDialer) dial(ctx context.Context, timeout time.Duration) (*clientConn, error) {
	conn, err := netpoll.DialConnection(d.network, d.address, timeout)
	if err != nil && errors.Is(err, netpoll.ErrConnClosed) && ctx.Err() == nil {
		// Under load, netpoll v0.7.2 now and then fails a fresh connect to a
		// live server as "closed by peer" (an EPOLLIN|EPOLLHUP event reaching
		// the dialer's poll operator; seen with the fd of a just-closed
		// connection reused). Nothing has been sent yet, so one more dial is
		// always safe.
		conn, err = netpoll.DialConnection(d.network, d.address, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("dialing %s %s: %w", d.network, d.address, err)
	}
	cc := newClientConn(conn, d.opts)
	_ = conn.SetReadTimeout(d.opts.readTimeout)
	_ = conn.SetWriteTimeout(d.opts.writeTimeout)
	_ = conn.AddCloseCallback(func(netpoll.Connection) error {
		cc.fail(ErrConnectionClosed)
		return nil
	})
	if err := conn.SetOnRequest(func(_ context.Context, conn netpoll.Connection) error {
		return onReply(cc, conn)
	}); err != nil {
		conn.Close()
		return nil, err
	}
	return cc, nil
}

// close has nothing to release: each connection stands alone.
func (d *netpollDialer) close() {}

// onReply is netpoll's callback when reply bytes arrive on cc's connection:
// it reads one frame and delivers it.
func onReply(cc *clientConn, conn netpoll.Connection) error {
	r := conn.Reader()
	payload, err := readFrame(r, cc.out.maxSize)
	if err == nil {
		err = cc.deliver(payload)
	}
	_ = r.Release()
	if err != nil {
		cc.fail(fmt.Errorf("%w: reading a reply: %v", ErrConnectionClosed, err))
		return conn.Close()
	}
	return nil
}
