# Time: what was known at the note's date, the same with prefer-latest, a diff of knowledge
# (note -> now) and a diff of validity (2025 -> 2026), each as DOT.
$CHIPGRAPH load --db w.db $ROOT/tests/cli/cases/diagram_world.kg >/dev/null
$CHIPGRAPH diagram --db w.db --relations designs --known-at 2025-06-30
$CHIPGRAPH diagram --db w.db --relations designs,develops --diff 2025-06-30.. --prefer-latest
$CHIPGRAPH diagram --db w.db --relations designs --diff 2025..2026 --diff-by valid
$CHIPGRAPH diagram --db w.db --chain N3 --hops 1 --as-of 2026
