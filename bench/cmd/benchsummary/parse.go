package main

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
)

// sample is the time of one benchmark line.
type sample struct {
	op, msg, contender string
	procs              int // GOMAXPROCS, from the -N suffix (1 without one)
	ns                 float64
}

// benchLine matches BenchmarkEncode/<message>/<contender>[-N] <iterations>
// <time> ns/op ..., the names bench_test.go gives.
var benchLine = regexp.MustCompile(`^Benchmark(Encode|Decode)/([^/\s]+)/([^/\s]+?)(?:-(\d+))?\s+\d+\s+([0-9.e+-]+) ns/op`)

// parse reads go test -bench output and returns its Encode and Decode
// samples, ignoring every other line.
func parse(r io.Reader) ([]sample, error) {
	var out []sample
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ns, err := strconv.ParseFloat(m[5], 64)
		if err != nil {
			return nil, err
		}
		procs := 1
		if m[4] != "" {
			if procs, err = strconv.Atoi(m[4]); err != nil {
				return nil, err
			}
		}
		out = append(out, sample{op: m[1], msg: m[2], contender: m[3], procs: procs, ns: ns})
	}
	return out, sc.Err()
}
