#!/usr/bin/env bash
# Regenerates the example diagrams (examples/diagrams/render.sh) in a temporary folder and
# checks them: each NAME.dot must equal the committed one (DOT is deterministic); each SVG must
# be a whole SVG document and each PNG a PNG of some size, as committed (their bytes vary with
# Graphviz and font versions, so they are not compared). CHIPGRAPH_UPDATE=1 copies the fresh
# files over the committed ones.
#   check_diagrams.sh CHIPGRAPH SOURCE_ROOT
set -u
chipgraph=$1
dir=$2/examples/diagrams
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! "$dir/render.sh" "$chipgraph" "$out"; then
    echo "FAILED: render.sh did not finish"
    exit 1
fi
if [ "${CHIPGRAPH_UPDATE:-0}" = 1 ]; then
    cp "$out"/*.dot "$out"/*.svg "$out"/*.png "$dir/"
    echo "updated $dir"
    exit 0
fi

is_svg() { head -c 5 "$1" | grep -q '<?xml' && tail -n 1 "$1" | grep -q '^</svg>$' &&
    [ "$(grep -o '<g[ >]' "$1" | wc -l)" = "$(grep -o '</g>' "$1" | wc -l)" ]; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
    [ "$(wc -c <"$1")" -gt 10000 ]; }

passed=0 failed=0
for dot in "$out"/*.dot; do
    name=$(basename "$dot" .dot)
    ok=1
    if ! diff -u "$dir/$name.dot" "$dot"; then
        echo "FAILED: $name.dot differs from examples/diagrams/$name.dot"
        ok=0
    fi
    for file in "$out/$name.svg" "$dir/$name.svg"; do
        is_svg "$file" || { echo "FAILED: $file is not a whole SVG document"; ok=0; }
    done
    for file in "$out/$name.png" "$dir/$name.png"; do
        is_png "$file" || { echo "FAILED: $file is not a non-trivial PNG"; ok=0; }
    done
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
[ $failed = 0 ] || echo "(CHIPGRAPH_UPDATE=1 ctest -R examples/diagrams accepts new output)"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
