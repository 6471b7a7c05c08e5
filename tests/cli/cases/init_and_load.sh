# init creates a database with the bundled graph; load adds to it; loading twice adds nothing.
cat > extra.kg <<'KG'
source analyst_2026 "A later note" by "Someone" published 2026-03.
entity "TPU v9": Chip aka "Sunfish".
develops(Google, "TPU v9") from 2027 per analyst_2026 expected.
Broadcom designs "TPU v9" from 2027 per analyst_2026 rumored { role: "training" }.
KG
$CHIPGRAPH init kb.db
$CHIPGRAPH load --db kb.db extra.kg
$CHIPGRAPH load --db kb.db extra.kg
$CHIPGRAPH query --db kb.db 'who designs Sunfish?'
$CHIPGRAPH init kb.db; echo "exit $?"
