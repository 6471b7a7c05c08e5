#!/usr/bin/env bash
# Issue 13: a name must not change meaning when an entity of that name exists. A database made
# by `init`, given entities named P, X and F (single letters, as the examples' variables are)
# and reopened, must answer every example exactly as the bundled graph does.
#   check_examples_with_entities.sh CHIPGRAPH EXAMPLES_DIR
set -u
chipgraph=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$chipgraph" init "$work/base.db" >/dev/null || exit 1
"$chipgraph" load --db "$work/base.db" - >/dev/null <<'KG' || exit 1
entity P: Vendor.
entity X: Company aka "X Corp".
entity F: DesignFirm.
KG
failed=0 passed=0
for kg in "$examples"/*.kg; do
    cp "$work/base.db" "$work/run.db"
    if diff -u "${kg%.kg}.out" <(cd "$examples/.." && "$chipgraph" run --db "$work/run.db" "$kg" 2>/dev/null) >"$work/diff"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $(basename "$kg") answers differently with entities P, X and F"
        head -20 "$work/diff"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
