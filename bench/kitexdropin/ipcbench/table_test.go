package ipcbench

import (
	"strings"
	"testing"
	"time"
)

// TestWriteTablesLayout pins the layout: the table, a QPS column,
// the ratio lines of the transports that have a Versus in the results.
func TestWriteTablesLayout(t *testing.T) {
	result := func(name, title, versus string, avg, p50, p99 time.Duration, calls int) Result {
		return Result{Transport: Transport{Name: name, Title: title, Versus: versus}, Conns: 10, Size: 4096,
			Calls: calls, Elapsed: time.Second, Avg: avg, P50: p50, P99: p99}
	}
	results := []Result{
		result("tcp", "TCP", "kitex-tcp", 127*time.Microsecond, 76*time.Microsecond, 232*time.Microsecond, 78000),
		result("uds", "UDS", "tcp", 100*time.Microsecond, 60499*time.Nanosecond, 174*time.Microsecond, 97500),
		result("shm", "SHM", "missing", time.Microsecond, time.Microsecond, time.Microsecond, 1),
	}
	want := `======== IPC Benchmark - TCP ========
      Type    Conns     Size        Avg        P50        P99        QPS
    Client       10     4096      127μs       76μs      232μs      78000

======== IPC Benchmark - UDS ========
      Type    Conns     Size        Avg        P50        P99        QPS
    Client       10     4096      100μs       60μs      174μs      97500

======== IPC Benchmark - SHM ========
      Type    Conns     Size        Avg        P50        P99        QPS
    Client       10     4096        1μs        1μs        1μs          1

UDS / TCP: avg 0.79×, p99 0.75×, QPS 1.25×
`
	var b strings.Builder
	if err := WriteTables(&b, results); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
