#!/usr/bin/env bash
# Regenerates the Go code under gen/ from the IDL files under idl/, and the
# Kitex service code of the drop-in test under kitexdropin/kitex_gen/.
#
#   gen/baseline, gen/benchmsg   thriftgo -g go:frugal_tag: the shared types
#                                (frugal tags, Apache Thrift Read/Write)
#   gen/jit/...                  the same as gen/baseline, gen/benchmsg, in
#                                packages of their own, so that the
#                                frugaljit-jit contender can pin its types to
#                                the jit engine (engines are chosen per type)
#   gen/fastgo/...               thriftgo -g fastgo: the same types plus
#                                generated BLength/FastWrite/FastRead
#   gen/kitex/...                the kitex tool: Kitex FastCodec
#                                (BLength/FastWriteNocopy/FastRead)
#   kitexdropin/kitex_gen/...    the kitex tool, -frugal-struct @all: an echo
#                                service whose structs go through frugal
#
# thriftgo (v0.4.5) and kitex (v0.16.3) are pinned by the tools module in
# tools/ and built from it, so nothing needs to be installed.
set -euo pipefail

cd "$(dirname "$0")"
here=$PWD
module=github.com/frugaljit/frugal/bench
prefix=$module/gen

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The kitex tool checks that -module matches the go.mod of the directory it
# runs in, so it is built once and run from the right directories.
go -C tools build -o "$tmp/bin/kitex" github.com/cloudwego/kitex/tool/cmd/kitex

for idl in idl/*.thrift; do
	go -C tools tool thriftgo -r -o "$tmp/gen" \
		-g "go:frugal_tag,package_prefix=$prefix" "$here/$idl"
	go -C tools tool thriftgo -r -o "$tmp/gen/jit" \
		-g "go:frugal_tag,package_prefix=$prefix/jit" "$here/$idl"
	go -C tools tool thriftgo -r -o "$tmp/gen/fastgo" \
		-g "fastgo:package_prefix=$prefix/fastgo" "$here/$idl"
done

# Kitex types for the FastCodec contender, generated in a scratch module of
# bench's path (kitex only reads its go.mod).
mkdir -p "$tmp/kx/idl"
printf 'module %s\n\ngo 1.24\n' "$module" >"$tmp/kx/go.mod"
cp idl/*.thrift "$tmp/kx/idl/"
for idl in idl/*.thrift; do
	(cd "$tmp/kx" && "$tmp/bin/kitex" -module "$module" -gen-path gen/kitex "$idl")
done
mv "$tmp/kx/gen/kitex" "$tmp/gen/kitex"

rm -rf gen
mv "$tmp/gen" gen
chmod 755 gen
echo "generated: $(cd gen && find . -name '*.go' | sort | tr '\n' ' ')"

# The drop-in test's service: frugal for every struct (-frugal-struct @all
# leaves out the FastCodec methods, so Kitex's codec can only take the frugal
# path), includes resolved from idl/.
(
	cd kitexdropin
	rm -rf kitex_gen
	"$tmp/bin/kitex" -module "$module/kitexdropin" -I "$here/idl" \
		-frugal-struct @all idl/echo.thrift
	echo "generated: $(find kitex_gen -name '*.go' | sort | tr '\n' ' ')"
)
