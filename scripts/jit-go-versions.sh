#!/usr/bin/env bash
# Runs the machine-code engine's tests on every Go release it supports
# (the toolchains come from the module proxy through GOTOOLCHAIN), so that
# a runtime change that breaks its assumptions (g's layout, stackPreempt,
# how the trampoline is entered) fails here, not in a user's process:
# the backend, the jit (under GODEBUG=gccheckmark=1 too), and the API and
# conformance suites with FRUGAL_ENGINE=jit.
#
#   bash scripts/jit-go-versions.sh                 # every version below
#   bash scripts/jit-go-versions.sh go1.27.4        # some
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
	versions=(go1.24.13 go1.25.14 go1.26.11 go1.27.4)
fi
for v in "${versions[@]}"; do
	echo "== jit on $v"
	export GOTOOLCHAIN=$v
	go version
	go test -count=1 ./backend/... ./jit/... ./internal/gomap
	GODEBUG=gccheckmark=1 go test -count=1 ./jit/...
	FRUGAL_ENGINE=jit go test -count=1 .
	(cd conformance && FRUGAL_ENGINE=jit go test -count=1 .)
done
