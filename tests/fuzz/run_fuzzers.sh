#!/usr/bin/env bash
# Runs each fuzzer of a CHIPGRAPH_FUZZ build for a bounded time; exits 1 on any finding (crash,
# sanitizer report, leak, timeout, out-of-memory), whose input is then in BUILD/tests/fuzz/findings/.
#   tests/fuzz/run_fuzzers.sh BUILD SECONDS [FUZZER...]      (default: fuzz_run fuzz_import)
# The corpus each run grows is kept in BUILD/tests/fuzz/corpus/FUZZER (so local runs resume);
# the seeds (BUILD/tests/fuzz/seeds/) are read, never written. Extra libFuzzer flags can be given
# in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-jobs=2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
seconds=$2
shift 2
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=(fuzz_run fuzz_import)

dir=$build/tests/fuzz
mkdir -p "$dir/findings"
# Sanitizer findings stop the fuzzer with a report; leaks are findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for fuzzer in "${fuzzers[@]}"; do
    seeds=$dir/seeds/${fuzzer#fuzz_}
    corpus=$dir/corpus/$fuzzer
    mkdir -p "$corpus"
    echo "== $fuzzer for ${seconds}s (seeds: $(ls "$seeds" | wc -l), corpus: $(ls "$corpus" | wc -l))"
    # -max_len: see kMaxInput (fuzz_guard.h). -timeout: one input may take 10 s at most;
    # -rss_limit_mb / -malloc_limit_mb: 2 GB at most.
    # shellcheck disable=SC2086
    if ! "$dir/$fuzzer" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -dict="$here/$fuzzer.dict" \
        -artifact_prefix="$dir/findings/$fuzzer-" -print_final_stats=1 ${FUZZ_FLAGS:-} \
        "$corpus" "$seeds" >"$dir/$fuzzer.log" 2>&1; then
        status=1
        echo "!! $fuzzer found a problem: see $dir/$fuzzer.log and $dir/findings/"
        grep -E -A25 '^==[0-9]+==|runtime error|^fuzz_|deadly signal|out-of-memory|timeout' \
            "$dir/$fuzzer.log" | head -60 || true
    fi
    grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^#[0-9]+ *DONE' \
        "$dir/$fuzzer.log" || true
done
exit $status
