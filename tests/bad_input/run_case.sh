#!/usr/bin/env bash
# Runs one bad-input case (cases/NAME.case) and checks what it must give: its exit code and
# the first line of its standard error, never a crash (exit >= 128) or a hang (the time limit).
#   usage: run_case.sh CHIPGRAPH CASE_FILE
# A case file is data:
#   # what it is (issue 14, item N)        comments, any number
#   exit: 1                                the expected exit code
#   error: <query>:1:1: error: ...         the expected first line of stderr ("" for none)
#   run:                                   the rest is a bash script, run in a fresh folder
#   "$CHIPGRAPH" query $'\xff'             with $CHIPGRAPH set to the binary
set -u
chipgraph=$1
case_file=$2
limit=${BAD_INPUT_TIMEOUT:-60} # seconds: a bad input must fail fast, not hang

expect_exit=$(sed -n 's/^exit: //p' "$case_file" | head -n 1)
expect_error=$(sed -n 's/^error: \{0,1\}//p' "$case_file" | head -n 1)
script=$(sed -n '/^run:$/,$p' "$case_file" | tail -n +2)
if [[ -z $expect_exit || -z $script ]]; then
    echo "$case_file: needs an 'exit:' line and a 'run:' section" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
CHIPGRAPH=$chipgraph timeout --kill-after=5 "$limit" bash -c "$script" >stdout 2>stderr
code=$?
first=$(head -n 1 stderr)

fail=0
if ((code == 124 || code == 137)); then
    echo "HANG: no answer within ${limit}s" >&2
    fail=1
elif ((code >= 128)); then
    echo "CRASH: exit code $code (signal $((code - 128)))" >&2
    fail=1
fi
if [[ $code != "$expect_exit" ]]; then
    echo "exit code: expected $expect_exit, got $code" >&2
    fail=1
fi
if [[ $first != "$expect_error" ]]; then
    echo "first line of stderr:" >&2
    echo "  expected: $expect_error" >&2
    echo "  got:      $first" >&2
    fail=1
fi
if ((fail)); then
    echo "--- stderr (first 20 lines) ---" >&2
    head -n 20 stderr >&2
fi
exit $fail
