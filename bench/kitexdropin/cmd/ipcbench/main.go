// Command ipcbench measures echo-call latency over this repository's rpc
// package on TCP, on Unix sockets and over shared memory (shmipc, which
// needs /dev/shm), and over Kitex v0.16.3 on TCP as the reference, in one
// run on one machine, and prints a table per transport and the ratios
// between them:
//
//	go run ./cmd/ipcbench -duration 5s    # from bench/kitexdropin
//	go run ./cmd/ipcbench -short          # about a second per transport
//
// The transports run one after another, each with -conns concurrent callers
// on as many connections, each call carrying a -size byte payload each way.
// Server and client share the process, so both sides' work (and garbage
// collection) counts in the latency, for every transport alike.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/cloudwego/kitex/pkg/klog"

	"github.com/frugaljit/frugal/bench/kitexdropin/ipcbench"
)

func main() {
	var (
		cfg        ipcbench.Config
		transports string
		short      bool
	)
	names := make([]string, 0, 4)
	for _, t := range ipcbench.Transports() {
		names = append(names, t.Name)
	}
	flag.IntVar(&cfg.Conns, "conns", 10, "concurrent callers, one connection each")
	flag.IntVar(&cfg.Size, "size", 4096, "payload bytes per request and per reply")
	flag.DurationVar(&cfg.Duration, "duration", 5*time.Second, "how long to measure each transport")
	flag.IntVar(&cfg.Calls, "calls", 0, "if > 0, measure this many calls per transport instead of -duration")
	flag.DurationVar(&cfg.Warmup, "warmup", time.Second, "how long to call each transport before measuring")
	flag.StringVar(&transports, "transports", strings.Join(names, ","), "comma-separated transports to run, in order")
	flag.BoolVar(&short, "short", false, "a quick run: -duration 1s -warmup 200ms")
	flag.Parse()
	if short {
		cfg.Duration, cfg.Warmup = time.Second, 200*time.Millisecond
	}
	if err := run(cfg, strings.Split(transports, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "ipcbench:", err)
		os.Exit(1)
	}
}

func run(cfg ipcbench.Config, names []string) error {
	ts, err := ipcbench.Lookup(names...)
	if err != nil {
		return err
	}
	klog.SetLevel(klog.LevelWarn) // Kitex's start-up lines would go between the tables
	measure := fmt.Sprint(cfg.Duration)
	if cfg.Calls > 0 {
		measure = fmt.Sprint(cfg.Calls, " calls")
	}
	fmt.Printf("# %s %s/%s GOMAXPROCS=%d, %d callers x %d B, warm-up %v, %s per transport\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), cfg.Conns, cfg.Size, cfg.Warmup, measure)
	results := make([]ipcbench.Result, 0, len(ts))
	for _, t := range ts {
		r, err := ipcbench.Run(context.Background(), t, cfg)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	return ipcbench.WriteTables(os.Stdout, results)
}
