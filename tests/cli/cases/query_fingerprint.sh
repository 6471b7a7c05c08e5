# Reproducible answers (issue 17 §6): JSON carries the basis of each answer; a query run with
# --expect-fingerprint exits 3 once the facts or rules it reads have changed.
export SOURCE_DATE_EPOCH=1788220800
$CHIPGRAPH init kb.db > /dev/null
q='who designs Trainium3 known at 2026-06-30?'
$CHIPGRAPH query --db kb.db --format json "$q" | python3 -c '
import json, sys
basis = json.load(sys.stdin)[0]["basis"]
print(basis["known_at"], basis["valid"], basis["recorded_at"], basis["policy"])
open("fp", "w").write(basis["fingerprint"])'
fp=$(cat fp)
$CHIPGRAPH query --db kb.db --expect-fingerprint "$fp" "$q" > /dev/null; echo "same: exit $?"
# A fact the question cannot read (another relation, or reported after its date) changes nothing.
cat > later.kg <<'KG'
source late "A later note" published 2026-11-02.
Alchip designs Trainium3 in 2027 per late rumored.
KG
$CHIPGRAPH load --db kb.db later.kg > /dev/null
$CHIPGRAPH query --db kb.db --expect-fingerprint "$fp" "$q" > /dev/null; echo "later: exit $?"
# One it reads does.
cat > early.kg <<'KG'
source early "An earlier note" published 2026-03-02.
Alchip designs Trainium3 in 2027 per early rumored.
KG
$CHIPGRAPH load --db kb.db early.kg > /dev/null
# (The fingerprints themselves depend on the bundled graph: shown as H.)
$CHIPGRAPH query --db kb.db --expect-fingerprint "$fp" "$q" 2>&1 > /dev/null |
    sed -E 's/[0-9a-f]{16}/H/g'
echo "changed: exit ${PIPESTATUS[0]}"
$CHIPGRAPH query --db kb.db --expect-fingerprint "$fp" 'why designs(Alchip, Trainium3)?' > /dev/null; echo "why: exit $?"
