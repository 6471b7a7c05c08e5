#!/bin/sh
# bench/smoke (CTest): generates the 1k graph and runs every case once; passes when chipgraph,
# sqlite3 and the generator give the same answers. Usage: smoke.sh GEN BENCH SQLITE3 DATADIR
set -e
gen=$1 bench=$2 sqlite=$3 data=$4
"$gen" 1k "$data" >/dev/null
# The time limit turns a runaway rule evaluation into a quick failure instead of a hang.
exec "$bench" "$data" --runs 1 --sqlite "$sqlite" --time-limit 4
