#!/usr/bin/env bash
# Regenerates the Go code under gen/ from the IDL files under idl/.
#
# thriftgo is pinned (v0.4.5) by the tools module in tools/ and is built and
# run with `go tool`, so no separately installed thriftgo is needed.
set -euo pipefail

cd "$(dirname "$0")"
here=$PWD
prefix=github.com/frugaljit/frugal/bench/gen

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for idl in idl/*.thrift; do
	go -C tools tool thriftgo -r -o "$tmp" \
		-g "go:frugal_tag,package_prefix=$prefix" "$here/$idl"
done
rm -rf gen
mv "$tmp" gen
chmod 755 gen
echo "generated: $(cd gen && find . -name '*.go' | sort | tr '\n' ' ')"
