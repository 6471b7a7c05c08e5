#!/bin/sh
# bench/peer_tiny (CTest): runs the chipgraph peer on peer-bench's `tiny` graph (default seed,
# copied into tiny/) and compares each query's count and check with tiny/answers.txt, the
# answers DuckDB and SQLite gave on it. Answers only; times are never checked.
# Usage: check_tiny.sh DRIVER WORKDIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
driver=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
BENCH_DATA=$here/tiny BENCH_WORK=$work BENCH_REPS=1 BENCH_LOAD_REPS=1 \
    "$driver" "$here/chipgraph.kg" >"$work/out.jsonl"
# {"q": "Q1", "ms": [...], "count": 2, "check": null} -> "Q1 2 null"
sed -n 's/^{"q": "\([^"]*\)", "ms": \[[^]]*\], "count": \([^,]*\), "check": \([^}]*\)}$/\1 \2 \3/p' \
    "$work/out.jsonl" >"$work/answers.txt"
diff -u "$here/tiny/answers.txt" "$work/answers.txt"
