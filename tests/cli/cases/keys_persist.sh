# Relation keys and judgements are stored: a later process sees the key (the conflict column,
# `conflicts`) and the judgement (`prefer latest` ranks the deprecated claim last).
cat > world.kg <<'KG'
type Vendor.
relation sales(owner: Vendor, units: number) per period key (owner).
source one "First" published 2025-06.
source two "Second" published 2026-02.
entity Acme: Vendor.
sales(Acme, 100) in 2026 per one forecast.
sales(Acme, 120) in 2026 per two forecast.
sales(Acme, 90) in 2026 per two forecast.
deprecate sales(Acme, 90) in 2026 because "superseded in the same report" per two.
KG
$CHIPGRAPH load --db kb.db world.kg
$CHIPGRAPH query --db kb.db '? sales(Acme, U) in 2026 prefer latest.'
$CHIPGRAPH query --db kb.db 'conflicts sales(Acme, _) in 2026.'
$CHIPGRAPH query --db kb.db 'history sales(Acme, U) in 2026.'
