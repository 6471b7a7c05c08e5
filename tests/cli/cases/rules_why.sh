# Rules from the bundled graph: a derived relation through the phrase sugar, `why` as a tree
# and as JSON, and a runaway rule stopped by --max-derived.
$CHIPGRAPH query 'who supplies Meta?'
$CHIPGRAPH query 'why supplier_of(MediaTek, Google)?'
$CHIPGRAPH query --format json 'why sole_designer(GUC, "Maia 100")?'
$CHIPGRAPH run --max-derived 500 - <<'KG'
rule ladder(C, N) :- chip_shipments(C, N).
rule ladder(C, M) :- ladder(C, N), M = N + 1.
? ladder(C, N), N < 0.
KG
echo "exit $?"
