package kitexdropin

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	frugal "github.com/frugaljit/frugal"

	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/echo"
)

// TestEchoRoundTrip sends Nesting2 values (every baseline type inside) from
// a Kitex client to a Kitex server and back, both on the frugal codec.
func TestEchoRoundTrip(t *testing.T) {
	cli, h := startEcho(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		req := newNesting2()
		req.I32 = int32(i)
		got, err := cli.Echo(ctx, req)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if got == req {
			t.Fatalf("call %d: the client returned the request itself, not a decoded copy", i)
		}
		if !equalNesting2(got, req) {
			t.Errorf("call %d: the echoed Nesting2 differs from the one sent", i)
		}
	}
	if n := h.calls.Load(); n != 2 {
		t.Errorf("the handler saw %d calls, want 2", n)
	}
}

// TestCallsReachFrugaljit proves that Kitex's codec calls land in
// github.com/frugaljit/frugal: after the request type of BreakRequest is
// pretouched with an engine that cannot run, the client cannot encode it;
// after the response type of BreakResponse is, the server decodes the request
// (the handler runs) but cannot encode the response, and logs frugal's error.
// Echo, on other types, keeps working.
func TestCallsReachFrugaljit(t *testing.T) {
	cli, h := startEcho(t)
	ctx := context.Background()
	if _, err := cli.BreakRequest(ctx, newSimple(1)); err != nil {
		t.Fatalf("BreakRequest before breaking: %v", err)
	}
	if _, err := cli.BreakResponse(ctx, newSimple(1)); err != nil {
		t.Fatalf("BreakResponse before breaking: %v", err)
	}
	breakType(t, reflect.TypeFor[echo.EchoServiceBreakRequestArgs]())
	breakType(t, reflect.TypeFor[echo.EchoServiceBreakResponseResult]())

	before := h.calls.Load()
	_, err := cli.BreakRequest(ctx, newSimple(2))
	checkUnavailable(t, "BreakRequest", err)
	if n := h.calls.Load() - before; n != 0 {
		t.Errorf("BreakRequest reached the handler %d times with an unencodable request", n)
	}

	// The server cannot encode the response: it logs frugal's error and
	// closes the connection, so the client sees only that the call failed.
	log := captureLog(t)
	before = h.calls.Load()
	if _, err = cli.BreakResponse(ctx, newSimple(3)); err == nil {
		t.Fatal("BreakResponse succeeded on a broken response type: the server did not encode with frugaljit")
	}
	if n := h.calls.Load() - before; n != 1 {
		t.Errorf("BreakResponse reached the handler %d times, want 1 (the request decodes)", n)
	}
	if !log.waitFor(frugal.ErrEngineUnavailable.Error(), 5*time.Second) {
		t.Errorf("the server did not log frugal's %q; log:\n%s", frugal.ErrEngineUnavailable, log)
	}

	if got, err := cli.Echo(ctx, newNesting2()); err != nil || !equalNesting2(got, newNesting2()) {
		t.Errorf("Echo after breaking other types: %v", err)
	}
}

// noSuchEngine is an engine no version of frugaljit builds, so asking for it
// is ErrEngineUnavailable however many engines this platform can run.
const noSuchEngine = frugal.Engine(255)

// breakType makes every frugal call on rt (and *rt) fail with
// ErrEngineUnavailable: Pretouch asks for an engine that cannot run.
func breakType(t *testing.T, rt reflect.Type) {
	t.Helper()
	if err := frugal.Pretouch(rt, frugal.WithEngine(noSuchEngine)); !errors.Is(err, frugal.ErrEngineUnavailable) {
		t.Fatalf("Pretouch(%s, %s) = %v, want ErrEngineUnavailable", rt, noSuchEngine, err)
	}
	if _, _, err := frugal.EngineOf(reflect.PointerTo(rt)); !errors.Is(err, frugal.ErrEngineUnavailable) {
		t.Fatalf("after Pretouch, EngineOf(*%s) = %v, want ErrEngineUnavailable", rt, err)
	}
}

// checkUnavailable checks that a call failed with frugal's
// ErrEngineUnavailable, which Kitex passes on as text.
func checkUnavailable(t *testing.T, method string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s succeeded on a broken type: the call did not go through frugaljit", method)
	}
	if !strings.Contains(err.Error(), frugal.ErrEngineUnavailable.Error()) {
		t.Errorf("%s failed with %q, not frugal's %q", method, err, frugal.ErrEngineUnavailable)
	}
}
