#!/usr/bin/env bash
# Regenerates gen/ from idl/*.thrift with thriftgo v0.4.5.
#
# thriftgo is pinned as a tool in this module's go.mod (`tool` directive), so
# `go tool thriftgo` downloads and builds exactly that version through the Go
# module proxy; nothing needs to be installed beforehand except Go.
# (`go install github.com/cloudwego/thriftgo@v0.4.5` would also work where the
# proxy serves the module's version list; the tool directive does not need it.)
#
# Run from anywhere: bash conformance/gen.sh
set -euo pipefail

THRIFTGO_VERSION=0.4.5

cd "$(dirname "$0")"
go mod download github.com/cloudwego/thriftgo
if ! go tool thriftgo --version 2>&1 | grep -qx "thriftgo ${THRIFTGO_VERSION}"; then
    echo "gen.sh: go.mod does not pin thriftgo v${THRIFTGO_VERSION}" >&2
    exit 1
fi

rm -rf gen
mkdir gen
for idl in idl/*.thrift; do
    # frugal_tag adds `frugal:"..."` tags, which the library reads; thriftgo's
    # default Go backend also emits Apache Read/Write methods, the reference.
    go tool thriftgo -g go:frugal_tag -o gen "$idl"
done

if [ -n "$(gofmt -l gen)" ]; then
    echo "gen.sh: generated code is not gofmt-clean" >&2
    exit 1
fi
go build ./gen/...
echo "gen.sh: regenerated $(find gen -name '*.go' | wc -l | tr -d ' ') files"
