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

echo "== main module: go test -race"
go test -race -count=1 ./...

echo "== main module: GODEBUG=gccheckmark=1"
GODEBUG=gccheckmark=1 go test -count=1 ./...

echo "== main module API tests and conformance on the machine-code engine: FRUGAL_ENGINE=jit"
FRUGAL_ENGINE=jit go test -count=1 .
(cd conformance && FRUGAL_ENGINE=jit go test -count=1 ./...)

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
