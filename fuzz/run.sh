#!/usr/bin/env bash
# Runs every differential fuzz target for a bounded time, one after another,
# and summarizes each run's last progress line (executions, executions per
# second, corpus entries: "total" counts the inputs that found new coverage,
# seeds included).
#
#   bash fuzz/run.sh                 # 10 s per target, 1 worker (CI)
#   bash fuzz/run.sh 1h 4            # an hour per target, 4 workers
#   bash fuzz/run.sh 30s 1 FuzzSkip  # some targets only
#
# Arguments: time per target (go test -fuzztime: 10s, 5m, 1h, or 1000x),
# workers (-parallel), target names (default: all). FUZZ_MINIMIZE sets
# -fuzzminimizetime (default 2s: minimizing each new interesting input may
# otherwise stop a run for up to a minute, most of a short run). Logs go to $FUZZ_LOGS (default a
# temporary directory). A failure leaves the input in testdata/fuzz/<Target>/
# of the package and makes the script exit non-zero after the remaining targets.
# FUZZ_TAGS sets build tags: FUZZ_TAGS=frugalpoison runs the jit on poisoned
# contexts (jit/poison_on.go), where a word generated code reads before
# writing it fails every time instead of now and then.
set -uo pipefail
cd "$(dirname "$0")/.."

time=${1:-10s}
workers=${2:-1}
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(FuzzDecode FuzzSchema FuzzSkip FuzzApacheDecode)
fi
minimize=${FUZZ_MINIMIZE:-2s}
tags=()
if [ -n "${FUZZ_TAGS:-}" ]; then
	tags=(-tags "$FUZZ_TAGS")
fi

# Before Go 1.27, a -fuzztime duration can end a clean run as a failure,
# "context deadline exceeded" with no failing input, when a worker is still
# busy at the deadline (go.dev/issue/75804, fixed in Go 1.27.0). Older
# toolchains fuzz with Go 1.27.4 instead, fetched through the module proxy.
if ! go version | grep -Eq 'go1\.(2[7-9]|[3-9][0-9])'; then
	export GOTOOLCHAIN=go1.27.4
fi
logs=${FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"

echo "== engines compared (a SKIP is an engine that is not built: no comparison ran)"
go test ${tags[@]+"${tags[@]}"} -count=1 -run '^TestEngines$' -v ./fuzz | grep -E -- '--- (PASS|SKIP|FAIL)|not compared' || exit 1

status=0
summary=()
for target in "${targets[@]}"; do
	dir=./fuzz
	if [ "$target" = FuzzApacheDecode ]; then
		dir=./conformance
	fi
	log="$logs/$target.log"
	echo "== $target ($dir): -fuzztime=$time -parallel=$workers${FUZZ_TAGS:+ -tags=$FUZZ_TAGS}, log $log"
	start=$(date +%s)
	if [ "$dir" = ./conformance ]; then
		(cd conformance && go test ${tags[@]+"${tags[@]}"} -run '^$' -fuzz "^$target\$" -fuzztime "$time" -fuzzminimizetime "$minimize" -parallel "$workers" .) >"$log" 2>&1
	else
		go test ${tags[@]+"${tags[@]}"} -run '^$' -fuzz "^$target\$" -fuzztime "$time" -fuzzminimizetime "$minimize" -parallel "$workers" "$dir" >"$log" 2>&1
	fi
	rc=$?
	secs=$(( $(date +%s) - start ))
	last=$(grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -1)
	execs=$(sed -E 's/.*execs: ([0-9]+).*/\1/' <<<"$last")
	total=$(sed -E 's/.*\(total: ([0-9]+)\).*/\1/' <<<"$last")
	elapsed=$(sed -E 's/^fuzz: elapsed: ([^,]+),.*/\1/' <<<"$last")
	result=ok
	if [ $rc -ne 0 ]; then
		result=FAIL
		status=1
		grep -E -A30 -- '--- FAIL' "$log" | head -60
	fi
	summary+=("$(printf '%-17s %-4s fuzzing %-8s execs %-11s (%s/sec)  corpus total %-6s wall %ss' \
		"$target" "$result" "${elapsed:-?}" "${execs:-?}" \
		"$( [ -n "$execs" ] && awk -v e="$execs" -v t="$elapsed" 'BEGIN{ s=0; n=split(t,p,/[hms]/); \
			if (t ~ /h/) { s=p[1]*3600+p[2]*60+p[3] } else if (t ~ /m/) { s=p[1]*60+p[2] } else { s=p[1] } \
			if (s>0) printf "%d", e/s; else printf "?" }' || echo '?')" \
		"${total:-?}" "$secs")")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
