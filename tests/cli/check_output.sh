#!/usr/bin/env bash
# Runs a command and compares what it printed with an expected file.
#   check_output.sh [--stdout-only] EXPECTED -- COMMAND...
# Default: the expected file holds stdout, stderr and the exit code in sections. With
# --stdout-only the command must exit 0 with an empty stderr and EXPECTED is plain stdout (used
# for examples/, whose .out files double as documentation). CHIPGRAPH_UPDATE=1 rewrites EXPECTED.
set -u
stdout_only=0
if [ "$1" = "--stdout-only" ]; then stdout_only=1; shift; fi
expected=$1; shift
[ "$1" = "--" ] && shift

out=$(mktemp) err=$(mktemp) actual=$(mktemp)
trap 'rm -f "$out" "$err" "$actual"' EXIT
"$@" >"$out" 2>"$err" </dev/null
code=$?

if [ $stdout_only = 1 ]; then
    cp "$out" "$actual"
    if [ $code -ne 0 ] || [ -s "$err" ]; then
        echo "FAILED: exit code $code; stderr:"; cat "$err"
        exit 1
    fi
else
    { echo "--- stdout"; cat "$out"; echo "--- stderr"; cat "$err"; echo "--- exit $code"; } >"$actual"
fi

if [ "${CHIPGRAPH_UPDATE:-0}" = 1 ]; then
    cp "$actual" "$expected"
    echo "updated $expected"
    exit 0
fi
if ! diff -u "$expected" "$actual"; then
    echo "FAILED: output differs from $expected (CHIPGRAPH_UPDATE=1 ctest ... to accept)"
    exit 1
fi
echo "1 passed, 0 failed"
