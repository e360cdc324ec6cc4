#!/usr/bin/env bash
# Runs every test of every module: the main module (codec packages under
# -race, where auto keeps the reflect codec, then again under GC stress with
# GODEBUG=gccheckmark=1, where auto picks the jit, then the API and
# conformance suites again on each engine, and the jit on every supported
# Go release), the
# conformance module (against Apache Thrift), the cloudwego/frugal shim, and the bench module's
# correctness checks (no timings).
set -euo pipefail
cd "$(dirname "$0")/.."

# rpc's shared-memory tests, and the benchmark's shmipc row, map files under
# /dev/shm. They fail without it (none is skipped); say why at once.
if [ ! -d /dev/shm ]; then
	echo "/dev/shm is missing: rpc's shmipc tests need a tmpfs there (mount -t tmpfs tmpfs /dev/shm)" >&2
	exit 1
fi

# rpc/ runs alone, after the rest: its tests open and close hundreds of
# sockets in quick succession, and netpoll v0.7.2 mishandles a few fd-reuse
# races (an event reaching a recycled poll operator: a dial that never
# completes, a listener "closed") that CPU starvation from the race-heavy
# jit and interp suites beside it makes likely enough to fail a run now and
# then. Alone, or beside one other suite, they passed in each of over 50
# race runs.
echo "== main module: go test -race"
go test -race -count=1 $(go list ./... | grep -v '/rpc')
go test -race -count=1 ./rpc/...

echo "== main module: GODEBUG=gccheckmark=1"
GODEBUG=gccheckmark=1 go test -count=1 ./...

echo "== main module API tests and conformance on the machine-code engine: FRUGAL_ENGINE=jit"
FRUGAL_ENGINE=jit go test -count=1 .
(cd conformance && FRUGAL_ENGINE=jit go test -count=1 ./...)

echo "== the same with FRUGAL_MAPWALK=off: every map through the driver, as where no map layout is verified"
FRUGAL_MAPWALK=off FRUGAL_ENGINE=jit go test -count=1 . ./interp ./jit
(cd conformance && FRUGAL_MAPWALK=off FRUGAL_ENGINE=jit go test -count=1 .)

echo "== the same on poisoned contexts: -tags frugalpoison (jit/poison_on.go), with the fuzz targets' seeds"
FRUGAL_ENGINE=jit go test -tags frugalpoison -count=1 . ./jit ./fuzz
(cd conformance && FRUGAL_ENGINE=jit go test -tags frugalpoison -count=1 .)

echo "== main module API tests and conformance on the reflect codec: FRUGAL_ENGINE=reflect (auto picks the jit outside -race)"
FRUGAL_ENGINE=reflect go test -count=1 .
(cd conformance && FRUGAL_ENGINE=reflect go test -count=1 ./...)

echo "== main module API tests and conformance on the SSA interpreter: FRUGAL_ENGINE=interp"
FRUGAL_ENGINE=interp go test -count=1 .
(cd conformance && FRUGAL_ENGINE=interp go test -count=1 ./...)

for mod in conformance bench bench/kitexdropin compat/cloudwego-frugal; do
	if [ -f "$mod/go.mod" ]; then
		echo "== $mod module"
		(cd "$mod" && go test -count=1 ./...)
	fi
done

echo "== the jit on every supported Go release (scripts/jit-go-versions.sh)"
bash scripts/jit-go-versions.sh
