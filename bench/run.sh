#!/bin/sh
# Builds what the benchmark needs (Release, in build-bench/, -j2), generates the graph of the
# given size and runs chipgraph against the sqlite3 shell on it.
#
#   bench/run.sh 1k|100k|1M [chipgraph_bench options, e.g. --runs 3 --only ac]
#
# Extra generator options go in GEN_OPTS, e.g. GEN_OPTS="--resumed 0" bench/run.sh 100k.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: bench/run.sh 1k|100k|1M [chipgraph_bench options]" >&2
    exit 2
fi
size=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
log=$build/bench-build.log
mkdir -p "$build"
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCHIPGRAPH_BUILD_TESTS=OFF &&
    cmake --build "$build" -j2 --target gen_supply_chain chipgraph_bench; } >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "bench/run.sh: the build failed; see $log" >&2
    exit 1
fi
data=$build/data/$size
# shellcheck disable=SC2086
"$build/bench/gen_supply_chain" "$size" "$data" ${GEN_OPTS:-}
runs=5
case $size in 1M | 1m | [0-9]*M | [0-9]*m) runs=3 ;; esac
exec "$build/bench/chipgraph_bench" "$data" --runs "$runs" "$@"
