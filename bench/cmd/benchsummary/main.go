// Command benchsummary reads the output of the bench module's go test -bench
// run and prints, per operation and message, each contender's ns/op (the
// median over -count runs) as a multiple of the fastest peer's (Apache
// Thrift, Kitex FastCodec, thriftgo fastgo, cloudwego/frugal) and of
// memmove's. The roles come from bench.Contenders.
//
// Usage: go run ./cmd/benchsummary [file]   (standard input without a file)
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/frugaljit/frugal/bench"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchsummary:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	in := stdin
	switch len(args) {
	case 0:
	case 1:
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	default:
		return fmt.Errorf("usage: benchsummary [file]")
	}
	samples, err := parse(in)
	if err != nil {
		return err
	}
	if len(samples) == 0 {
		return fmt.Errorf("no BenchmarkEncode/BenchmarkDecode results in the input")
	}
	roles := make(map[string]bench.Role, len(bench.Contenders))
	order := make([]string, 0, len(bench.Contenders))
	for _, c := range bench.Contenders {
		roles[c.Name] = c.Role
		order = append(order, c.Name)
	}
	return write(stdout, summarize(samples, order, roles))
}
