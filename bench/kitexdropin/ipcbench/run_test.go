package ipcbench

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
)

// tinyLoad is a run that takes milliseconds: latency is not the point here.
var tinyLoad = Config{Conns: 10, Size: 4096, Calls: 60}

// TestEveryTransportEchoes runs every registered transport for a few calls,
// checks on the side (through a wrapper) that every call came back with its
// own id and payload, and that the tables have a heading, the column names
// and a Client row per transport, then the ratio lines.
func TestEveryTransportEchoes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var results []Result
	for _, tr := range Transports() {
		watched, seen := watch(tr)
		r, err := Run(ctx, watched, tinyLoad)
		if err != nil {
			t.Fatalf("%s: %v", tr.Name, err)
		}
		if r.Calls != tinyLoad.Calls {
			t.Errorf("%s: measured %d calls, want %d", tr.Name, r.Calls, tinyLoad.Calls)
		}
		if n := seen.calls.Load(); n != int64(tinyLoad.Calls) {
			t.Errorf("%s: %d calls made, want %d", tr.Name, n, tinyLoad.Calls)
		}
		if n := seen.wrong.Load(); n != 0 {
			t.Errorf("%s: %d echoes came back different", tr.Name, n)
		}
		if seen.conns != tinyLoad.Conns {
			t.Errorf("%s: started with %d connections, want %d", tr.Name, seen.conns, tinyLoad.Conns)
		}
		if !seen.closed.Load() {
			t.Errorf("%s: Run did not close the transport", tr.Name)
		}
		if r.Avg <= 0 || r.P50 <= 0 || r.P99 < r.P50 || r.QPS() <= 0 {
			t.Errorf("%s: implausible result %+v", tr.Name, r)
		}
		results = append(results, r)
	}

	var out strings.Builder
	if err := WriteTables(&out, results); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	for _, r := range results {
		i := indexOf(lines, "======== IPC Benchmark - "+r.Transport.Title+" ========")
		if i < 0 || i+2 >= len(lines) {
			t.Fatalf("no table for %s in:\n%s", r.Transport.Title, out.String())
		}
		if got, want := strings.Fields(lines[i+1]), []string{"Type", "Conns", "Size", "Avg", "P50", "P99", "QPS"}; !slices.Equal(got, want) {
			t.Errorf("%s: columns %q, want %q", r.Transport.Title, got, want)
		}
		row := strings.Fields(lines[i+2])
		if len(row) != 7 || row[0] != "Client" || row[1] != "10" || row[2] != "4096" ||
			!strings.HasSuffix(row[3], "μs") || !strings.HasSuffix(row[4], "μs") || !strings.HasSuffix(row[5], "μs") {
			t.Errorf("%s: row %q", r.Transport.Title, lines[i+2])
		}
	}
	for _, want := range []string{"UDS / TCP: avg ", "SHMIPC / TCP: avg ", "TCP / Kitex TCP: avg "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q line in:\n%s", want, out.String())
		}
	}
	checkNoGoroutinesLeft(t)
	checkNoShmFilesLeft(t)
}

// TestRunStopsOnABadEcho checks that Run fails, and closes the transport,
// when a reply has another id or payload or a call fails.
func TestRunStopsOnABadEcho(t *testing.T) {
	cases := map[string]struct {
		reply func(req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error)
		want  string
	}{
		"id": {func(req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
			return &ipcecho.EchoResponse{Id: req.Id + 1, Payload: req.Payload}, nil
		}, "came back with id"},
		"payload": {func(req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
			p := bytes.Clone(req.Payload)
			p[len(p)-1]++
			return &ipcecho.EchoResponse{Id: req.Id, Payload: p}, nil
		}, "payload came back different"},
		"nil": {func(*ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) { return nil, nil }, "no response"},
		"error": {func(*ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
			return nil, errors.New("connection reset")
		}, "connection reset"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fake := &fakeEcho{reply: c.reply}
			tr := Transport{Name: "fake", Start: func(int) (Echoer, error) { return fake, nil }}
			_, err := Run(context.Background(), tr, tinyLoad)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Run: %v, want an error saying %q", err, c.want)
			}
			if !fake.closed.Load() {
				t.Error("Run did not close the transport")
			}
		})
	}
}

// TestRunByDuration checks that without a call count, Run measures for
// about the duration, warm-up left out.
func TestRunByDuration(t *testing.T) {
	fake := &fakeEcho{reply: func(req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
		time.Sleep(100 * time.Microsecond)
		return &ipcecho.EchoResponse{Id: req.Id, Payload: req.Payload}, nil
	}}
	tr := Transport{Name: "fake", Start: func(int) (Echoer, error) { return fake, nil }}
	cfg := Config{Conns: 2, Size: 16, Duration: 50 * time.Millisecond, Warmup: 20 * time.Millisecond}
	r, err := Run(context.Background(), tr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Elapsed < cfg.Duration || r.Elapsed > cfg.Duration+time.Second {
		t.Errorf("measured for %v, want about %v", r.Elapsed, cfg.Duration)
	}
	if made := int(fake.calls.Load()); r.Calls == 0 || r.Calls >= made {
		t.Errorf("measured %d of %d calls: want some, and the warm-up's left out", r.Calls, made)
	}
}

func TestConfigCheck(t *testing.T) {
	for _, cfg := range []Config{
		{Conns: 0, Calls: 1},
		{Conns: 1, Size: -1, Calls: 1},
		{Conns: 1},
		{Conns: 1, Calls: -1, Duration: time.Second},
	} {
		if _, err := Run(context.Background(), Transport{Name: "unused"}, cfg); err == nil {
			t.Errorf("Run with %+v: no error", cfg)
		}
	}
}

// fakeEcho is an Echoer that answers with reply.
type fakeEcho struct {
	reply  func(*ipcecho.EchoRequest) (*ipcecho.EchoResponse, error)
	calls  atomic.Int64
	closed atomic.Bool
}

func (f *fakeEcho) Echo(_ context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	f.calls.Add(1)
	return f.reply(req)
}

func (f *fakeEcho) Close() error {
	f.closed.Store(true)
	return nil
}

// watched counts what goes through a transport wrapped by watch.
type watched struct {
	conns  int
	calls  atomic.Int64
	wrong  atomic.Int64 // replies that are not the echo of their request
	closed atomic.Bool
}

// watch wraps t so that its starts, calls, replies and close are counted.
func watch(t Transport) (Transport, *watched) {
	w := &watched{}
	start := t.Start
	t.Start = func(conns int) (Echoer, error) {
		w.conns = conns
		e, err := start(conns)
		if err != nil {
			return nil, err
		}
		return &watchedEcho{Echoer: e, w: w}, nil
	}
	return t, w
}

type watchedEcho struct {
	Echoer
	w *watched
}

func (e *watchedEcho) Echo(ctx context.Context, req *ipcecho.EchoRequest) (*ipcecho.EchoResponse, error) {
	id, payload := req.Id, bytes.Clone(req.Payload)
	resp, err := e.Echoer.Echo(ctx, req)
	e.w.calls.Add(1)
	if err == nil && (resp == nil || resp.Id != id || !bytes.Equal(resp.Payload, payload) || len(payload) != tinyLoad.Size) {
		e.w.wrong.Add(1)
	}
	return resp, err
}

func (e *watchedEcho) Close() error {
	e.w.closed.Store(true)
	return e.Echoer.Close()
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}
