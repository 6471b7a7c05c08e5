# --query: a query's answers drawn (DOT on stdout and a file), the options' dates applying when
# the query has none; bad queries fail with a caret and write no file; a query without answers
# is an error; --query excludes --relations, --chain and --diff. The options become clauses of
# one `diagram` statement, so --as-of leaves out undated claims as `as of` does in a query.
$CHIPGRAPH load --db w.db $ROOT/tests/cli/cases/diagram_world.kg >/dev/null
$CHIPGRAPH diagram --db w.db --query '? designs(F, C), develops(Amazon, C).' --known-at 2025-12-31
$CHIPGRAPH diagram --db w.db --query '? designs(F, C), develops(Amazon, C).' --as-of 2026; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? designs(F, C) known at 2025-06-30.' -o q.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? announced(C, E).' -o nodes.dot; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? desings(F, C).' -o bad.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? designs(F, Trainum3).' -o bad.svg; echo "exit $?"
# The final '.' of --query is optional: the option holds one query.
$CHIPGRAPH diagram --db w.db -q '? designs(F, C)' -o lenient.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q 'who designs Trainium3?' --as-of 2026 -o who.dot; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? designs(F, C) as of 2026.' --as-of 2025; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? designs(F, "TPU v6") known at 2020.' -o none.svg; echo "exit $?"
$CHIPGRAPH diagram --db w.db -q '? designs(F, C).' --relations designs; echo "exit $?"
# The title shows each date once: from the query's text, or from the option.
$CHIPGRAPH diagram --db w.db -q '? designs(F, C) as of 2026.' | grep -m1 'label='
$CHIPGRAPH diagram --db w.db -q '? designs(F, C).' --as-of 2026 | grep -m1 'label='
ls
