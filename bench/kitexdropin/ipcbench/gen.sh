#!/usr/bin/env bash
# Regenerates kitex_gen/ (the benchmark's echo service) from idl/ipcecho.thrift
# with the kitex tool (v0.16.3, pinned by ../../tools and built from it), with
# Kitex's default FastCodec, so the Kitex reference runs as Kitex ships. The
# structs also carry frugal tags, which this repository's rpc package uses.
set -euo pipefail

cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go -C ../../tools build -o "$tmp/kitex" github.com/cloudwego/kitex/tool/cmd/kitex

# The kitex tool checks -module against the go.mod of the directory it runs
# in, so it runs from the module root.
cd ..
rm -rf ipcbench/kitex_gen
"$tmp/kitex" -module github.com/frugaljit/frugal/bench/kitexdropin \
	-gen-path ipcbench/kitex_gen ipcbench/idl/ipcecho.thrift
echo "generated: $(find ipcbench/kitex_gen -name '*.go' | sort | tr '\n' ' ')"
