package rpc

import (
	"context"
	"maps"
	"strconv"
	"time"

	"github.com/frugaljit/frugal/rpc/protocol"
)

type callInfoKey struct{}

// callInfo is the TTHeader metadata one call adds to the client's.
type callInfo struct {
	intInfo map[uint16]string
	strInfo map[string]string
}

// WithCallTTHeaderInfo returns a context under which calls over TTHeader
// send this metadata besides the client's (WithTTHeaderInfo), a key given
// here winning; framed calls carry no metadata. Calls made under a context
// with a deadline also send the time left, in milliseconds, under
// protocol.TTHeaderKeyRPCTimeout, as Kitex clients do; servers of this
// package give their handlers a context that ends then.
func WithCallTTHeaderInfo(ctx context.Context, intInfo map[uint16]string, strInfo map[string]string) context.Context {
	prev, _ := ctx.Value(callInfoKey{}).(callInfo)
	next := callInfo{intInfo: maps.Clone(prev.intInfo), strInfo: maps.Clone(prev.strInfo)}
	if len(intInfo) > 0 && next.intInfo == nil {
		next.intInfo = map[uint16]string{}
	}
	if len(strInfo) > 0 && next.strInfo == nil {
		next.strInfo = map[string]string{}
	}
	maps.Copy(next.intInfo, intInfo)
	maps.Copy(next.strInfo, strInfo)
	return context.WithValue(ctx, callInfoKey{}, next)
}

// callHeader adds to th, which holds the client's metadata (shared: it is
// copied before any change), the call's own from ctx and its deadline.
func callHeader(ctx context.Context, th *protocol.TTHeader) {
	info, hasInfo := ctx.Value(callInfoKey{}).(callInfo)
	deadline, hasDeadline := ctx.Deadline()
	if !hasInfo && !hasDeadline {
		return
	}
	intInfo := maps.Clone(th.IntInfo)
	if intInfo == nil {
		intInfo = map[uint16]string{}
	}
	maps.Copy(intInfo, info.intInfo)
	if hasDeadline {
		ms := time.Until(deadline).Milliseconds()
		intInfo[protocol.TTHeaderKeyRPCTimeout] = strconv.FormatInt(max(ms, 1), 10)
	}
	th.IntInfo = intInfo
	if len(info.strInfo) > 0 {
		strInfo := maps.Clone(th.StrInfo)
		if strInfo == nil {
			strInfo = map[string]string{}
		}
		maps.Copy(strInfo, info.strInfo)
		th.StrInfo = strInfo
	}
}

// callerDeadline returns ctx ending when the caller's timeout in th
// (protocol.TTHeaderKeyRPCTimeout, milliseconds) runs out, and its cancel
// function; ctx itself where th carries none.
func callerDeadline(ctx context.Context, th *protocol.TTHeader) (context.Context, context.CancelFunc) {
	if th == nil {
		return ctx, func() {}
	}
	ms, err := strconv.ParseInt(th.IntInfo[protocol.TTHeaderKeyRPCTimeout], 10, 64)
	if err != nil || ms <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
}
