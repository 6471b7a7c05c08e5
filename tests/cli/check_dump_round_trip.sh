#!/usr/bin/env bash
# Issue 16 §2: `dump` is the upgrade path, so what it writes must load back into an equal
# database. A database made by `init`, dumped and loaded into a new database, must answer every
# example exactly as the bundled graph does, and dumping the reloaded one must give the same
# text (a fixed point).
#   check_dump_round_trip.sh CHIPGRAPH EXAMPLES_DIR
set -u
chipgraph=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$chipgraph" init "$work/base.db" >/dev/null || exit 1
"$chipgraph" dump --db "$work/base.db" -o "$work/base.kg" || exit 1
"$chipgraph" load --db "$work/reloaded.db" "$work/base.kg" >/dev/null || exit 1
"$chipgraph" dump --db "$work/reloaded.db" -o "$work/reloaded.kg" || exit 1
failed=0 passed=0
if diff -u "$work/base.kg" "$work/reloaded.kg" >"$work/diff"; then
    passed=$((passed + 1))
else
    echo "FAILED: the dump of the reloaded database differs from the first dump"
    head -20 "$work/diff"
    failed=$((failed + 1))
fi
for kg in "$examples"/*.kg; do
    cp "$work/reloaded.db" "$work/run.db"
    if diff -u "${kg%.kg}.out" <(cd "$examples/.." && "$chipgraph" run --db "$work/run.db" "$kg" 2>/dev/null) >"$work/diff"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $(basename "$kg") answers differently after dump and load"
        head -20 "$work/diff"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
