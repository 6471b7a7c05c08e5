# Bad input: each error is clear, exits non-zero (2 for usage) and leaves no file behind.
$CHIPGRAPH load --db w.db $ROOT/tests/cli/cases/diagram_world.kg >/dev/null
$CHIPGRAPH diagram --db w.db -o out.jpg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -o out; echo "exit $?"
$CHIPGRAPH diagram --db w.db --format svgg; echo "exit $?"
$CHIPGRAPH diagram --db w.db --layout sfdp -o out.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -o missing/out.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -o . --format svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db --relations desings -o out.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db --relations shipments; echo "exit $?"
$CHIPGRAPH diagram --db w.db --entity Amazn -o out.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db --as-of 2025-13; echo "exit $?"
$CHIPGRAPH diagram --db w.db --diff 2025; echo "exit $?"
$CHIPGRAPH diagram --db w.db --diff 2025.. --diff-by valid; echo "exit $?"
$CHIPGRAPH diagram --db w.db --chain N3 --hops 0; echo "exit $?"
$CHIPGRAPH diagram --db nowhere.db; echo "exit $?"
$CHIPGRAPH diagram --db w.db --relations designs --known-at 2020; echo "exit $?"
ls
