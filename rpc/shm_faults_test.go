package rpc

import (
	"testing"
)

func TestShmIPCDialFailureIsAnError(t *testing.T) {
	ln := listen(t, "shmipc")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := NewClient("shmipc", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := echoMethod.Call(callCtx(t), c, &EchoRequest{Msg: "x"}); err == nil {
		t.Fatal("a call to a closed socket succeeded")
	}
	checkNoShmFiles(t)
}
