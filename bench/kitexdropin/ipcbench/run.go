package ipcbench

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench/kitex_gen/ipcecho"
)

// Config is the load a run puts on a transport.
type Config struct {
	Conns    int           // concurrent callers, and the connections they share
	Size     int           // payload bytes per request and per reply
	Duration time.Duration // how long calls are measured, when Calls is 0
	Calls    int           // if > 0, how many calls are measured (in all callers)
	Warmup   time.Duration // how long calls are made before measuring
}

// Result is what a run measured: the latency of every measured call, seen
// by the callers, from sending the request to having the decoded reply.
type Result struct {
	Transport     Transport
	Conns, Size   int
	Calls         int           // calls measured
	Elapsed       time.Duration // from the first measured call to the last reply
	Avg, P50, P99 time.Duration
}

// QPS is the measured calls per second.
func (r Result) QPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Calls) / r.Elapsed.Seconds()
}

func (c Config) check() error {
	switch {
	case c.Conns < 1:
		return fmt.Errorf("ipcbench: %d connections", c.Conns)
	case c.Size < 0:
		return fmt.Errorf("ipcbench: payload of %d bytes", c.Size)
	case c.Calls < 0, c.Calls == 0 && c.Duration <= 0:
		return fmt.Errorf("ipcbench: measure %d calls or for %v: need one of them positive", c.Calls, c.Duration)
	}
	return nil
}

// Run serves the echo service over t, calls it from cfg.Conns concurrent
// callers (warming up first, then measuring), and shuts it down. Every
// reply is checked against its request: a failed call or a wrong echo stops
// the run and is its error.
func Run(ctx context.Context, t Transport, cfg Config) (res Result, err error) {
	if err := cfg.check(); err != nil {
		return Result{}, err
	}
	e, err := t.Start(cfg.Conns)
	if err != nil {
		return Result{}, fmt.Errorf("%s: starting: %w", t.Name, err)
	}
	defer func() {
		if cerr := e.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("%s: closing: %w", t.Name, cerr))
		}
	}()

	callers := make([]*caller, cfg.Conns)
	for i := range callers {
		callers[i] = &caller{echo: e, id: int64(i)}
		callers[i].req.Payload = newPayload(i, cfg.Size)
	}
	if cfg.Warmup > 0 {
		if err := runCallers(ctx, callers, until(time.Now().Add(cfg.Warmup)), false); err != nil {
			return Result{}, fmt.Errorf("%s: warming up: %w", t.Name, err)
		}
	}
	runtime.GC() // not the garbage of the warm-up or of the previous transport
	start := time.Now()
	more := until(start.Add(cfg.Duration))
	if cfg.Calls > 0 {
		more = upTo(cfg.Calls)
	}
	if err := runCallers(ctx, callers, more, true); err != nil {
		return Result{}, fmt.Errorf("%s: %w", t.Name, err)
	}
	elapsed := time.Since(start)

	var samples []time.Duration
	for _, c := range callers {
		samples = append(samples, c.samples...)
	}
	s := summarize(samples)
	return Result{Transport: t, Conns: cfg.Conns, Size: cfg.Size, Calls: len(samples), Elapsed: elapsed,
		Avg: s.avg, P50: s.p50, P99: s.p99}, nil
}

// until returns a rule for runCallers: call again until deadline.
func until(deadline time.Time) func() bool {
	return func() bool { return time.Now().Before(deadline) }
}

// upTo returns a rule for runCallers: n calls in all.
func upTo(n int) func() bool {
	var taken atomic.Int64
	return func() bool { return taken.Add(1) <= int64(n) }
}

// runCallers runs every caller's loop at once, each making calls while more
// says so, and returns the first error; on an error the others stop.
func runCallers(ctx context.Context, callers []*caller, more func() bool, record bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for _, c := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.loop(ctx, more, record); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
				cancel()
			}
		}()
	}
	wg.Wait()
	return first
}

// caller is one of the concurrent callers: it reuses one request, giving
// each call a new id, and keeps its measured latencies.
type caller struct {
	echo    Echoer
	id      int64
	seq     int64
	req     ipcecho.EchoRequest
	samples []time.Duration
}

func (c *caller) loop(ctx context.Context, more func() bool, record bool) error {
	for ctx.Err() == nil && more() {
		c.seq++
		c.req.Id = c.id<<32 | c.seq
		begin := time.Now()
		resp, err := c.echo.Echo(ctx, &c.req)
		took := time.Since(begin)
		if err != nil {
			return fmt.Errorf("caller %d, call %d: %w", c.id, c.seq, err)
		}
		if err := checkEcho(&c.req, resp); err != nil {
			return fmt.Errorf("caller %d: %w", c.id, err)
		}
		if record {
			c.samples = append(c.samples, took)
		}
	}
	return nil
}
