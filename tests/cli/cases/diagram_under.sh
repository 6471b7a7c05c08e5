# Issue 19 §4: `chipgraph diagram --under NAME` draws a database's graph under a stored what-if
# scenario (the flag becomes the statement's `under` clause): what it removes is marked removed
# (red, dashed); an unknown scenario is an error with a suggestion.
$CHIPGRAPH load --db w.db "$ROOT/tests/cli/cases/diagram_world.kg" >/dev/null
$CHIPGRAPH run --db w.db - <<'KG'
scenario no_alchip { retract designs(Alchip, _). }
KG
$CHIPGRAPH diagram --db w.db --relations designs --under no_alchip | grep -E 'label="designs|->|#C62828|#A8A8A8'
$CHIPGRAPH diagram --db w.db --relations designs --under no_alchp
echo "exit $?"
