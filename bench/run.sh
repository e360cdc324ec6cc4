#!/usr/bin/env bash
# Runs every benchmark in one `go test -bench` invocation and prints a
# benchstat table per unit with one column per contender (the first contender
# in contenders.go is the base the others are compared against), then a
# summary (cmd/benchsummary): per operation and message, each contender's
# median ns/op as a multiple of the fastest peer's and of memmove's.
#
# Usage: run.sh [-short] [go test flags]. -short: COUNT=3, BENCHTIME=100ms,
# Simple, Nesting and Nesting2 only.
#
# Environment: COUNT (default 6), BENCHTIME (default 1s), BENCH (the -bench
# regexp, default .), CPU (the -cpu list, default 1), OUT (file for the raw
# go test output, default a temp file). Further arguments are passed to
# go test, e.g. -benchmem=false.
#
# CPU defaults to 1 because on a small shared machine the garbage collector's
# background work on a second core makes decode timings swing by ±50%; with
# one P its cost is charged to the benchmark that caused it, steadily.
set -euo pipefail

cd "$(dirname "$0")"
# -short: the README's first command, a quick table of the baseline messages.
if [ "${1:-}" = "-short" ]; then
	shift
	: "${COUNT:=3}" "${BENCHTIME:=100ms}" "${BENCH:=/^(Simple|Nesting|Nesting2)$/}"
fi
count=${COUNT:-6}
benchtime=${BENCHTIME:-1s}
bench=${BENCH:-.}
cpu=${CPU:-1}
out=${OUT:-$(mktemp -t frugal-bench.XXXXXX)}
benchstat=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

# Tests run first in the same binary: go test skips the benchmarks when the
# cross-decoding check fails, so nothing is timed for a wrong codec.
go test -run . -bench "$bench" -benchtime "$benchtime" -count "$count" -cpu "$cpu" "$@" . | tee "$out"
echo "raw results: $out"
echo

# benchstat groups only by key=value sub-benchmark names, so name the
# positional <Message>/<contender> parts for it.
sed -E 's#^(Benchmark[^/[:space:]]+)/([^/[:space:]]+)/([^/[:space:]]+)#\1/msg=\2/contender=\3#' "$out" |
	go run "$benchstat" -row .name,/msg,/gomaxprocs -col /contender -filter '-.unit:B/s' /dev/stdin

echo
echo "summary: median ns/op; × the fastest peer (apache-thrift, kitex-fastcodec, thriftgo-fastgo, cloudwego-frugal) and × memmove"
go run ./cmd/benchsummary "$out"
