# `dump` writes a whole database as .kg text that `load` reads back into an equal database:
# names and texts with quotes, backslashes, Chinese, tabs and line breaks (one from a CSV field,
# CRLF), every kind of number and validity, qualifiers of every kind, keywords as names, rules
# naming entities, what-if scenarios, and facts imported from CSV. The dump of the reloaded database is the same.
cat > notes.kg <<'KG'
type Company.
type "Design Firm" <: Company.
type Chip.
relation designs(firm: Company, chip: Chip) { role: text, partner: Company, share: number }.
relation ships(owner: Company, units: number) per period.
relation lineage_of(next: Chip, prev: Chip) timeless.
relation to(a: Chip, b: Chip).
relation spec(chip: Chip, metric: text, value: number, unit: text).
source s1 "A \"quoted\" title\\with backslash" by "作者" published 2025-H2 url "https://example.com/?q=\"x\"".
source s2 published 2026-06-17.
source s3.
entity "新公司": "Design Firm" aka "新 公司", "Q\"uote", 新.
entity Acme: Company aka "in", "ACME Corp.".
entity "rule", "X\\Y", "Line\nBreak", "Tab\there", "_", "9lives", "𝔘nicode": Chip.
entity Trainium: Chip.
Acme designs "rule" in 2026 per s1 rumored { role: "back\\end \"front\"\t后端", partner: "新公司", share: ~0.35 }.
新公司 designs "X\\Y" during 2025-03..2026-Q1 per s2 expected.
Acme designs "Line\nBreak" from 2025-H2 view.
Acme designs "Tab\there" until 2027-06.
Acme designs "_" during 2025-03-05..2025-03-06.
ships(Acme, >3000000) in 2026 per s1 forecast.
ships(Acme, <50000) in 2025-Q3.
ships(新公司, 10000..50000) in 2025-H1.
ships(新公司, -1.5) in 2024.
ships(Acme, 0.1) in 2023.
ships(Acme, 123456789012345) in 2022.
lineage_of("9lives", "𝔘nicode").
"9lives" to "_".
rule rivals(A, B) :- designs(A, C), designs(B, C), A != B.
rule acme_chip(C) :- designs(Acme, C).
rule new_firm_chip(C) :- designs("新公司", C).
scenario no_acme { retract designs(Acme, _). scale ships(Acme, U) in 2026 by 0.5. }
KG
printf 'chip,metric,value,unit\nTrainium,"fp8, ""dense""",1300,"TFLOPS\r\nper chip"\n"rule","HBM\\stack",~8,层\n' > specs.csv
$CHIPGRAPH load --db first.db notes.kg
$CHIPGRAPH import --db first.db spec specs.csv
$CHIPGRAPH dump --db first.db -o first.kg
cat first.kg
$CHIPGRAPH load --db second.db first.kg
$CHIPGRAPH dump --db second.db | cmp - first.kg && echo "the dump of the reloaded database is the same"
for q in '? designs(F, C) { role: R, partner: P, share: S }.' '? ships(O, U).' '? spec(C, M, V, U).' \
         '? rivals(A, B).' '? acme_chip(C).' '? new_firm_chip(C).' '? lineage_of(A, B).' '? to(A, B).' \
         '? acme_chip(C) diff under no_acme.' '? ships(O, U) under no_acme.'; do
    diff <($CHIPGRAPH query --db first.db --format json "$q" 2>&1) \
         <($CHIPGRAPH query --db second.db --format json "$q" 2>&1) > /dev/null || echo "differs: $q"
done
$CHIPGRAPH query --db second.db --format json '? spec(C, M, V, U).'
