# DOT on stdout (the default format): the whole small world, then one owner's supply chain with
# the legend, roles and Chinese aliases. Golden DOT: the output is deterministic.
$CHIPGRAPH load --db w.db $ROOT/tests/cli/cases/diagram_world.kg >/dev/null
$CHIPGRAPH diagram --db w.db
$CHIPGRAPH diagram --db w.db --entity 亚马逊 --legend --roles --native-names --title "Amazon"
