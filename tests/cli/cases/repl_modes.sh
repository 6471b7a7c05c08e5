# Every .mode, with and without headers.
$CHIPGRAPH <<'KG'
.mode
? designs(F, C), F = GUC, C = "Maia 200".
.mode box
? designs(F, C), F = GUC, C = "Maia 200".
.mode csv
? designs(F, C), F = GUC, C = "Maia 200".
.mode tsv
? designs(F, C), F = GUC, C = "Maia 200".
.mode json
? designs(F, C), F = GUC, C = "Maia 200".
.mode jsonl
? designs(F, C), F = GUC, C = "Maia 200".
.mode markdown
? designs(F, C), F = GUC, C = "Maia 200".
.mode line
? designs(F, C), F = GUC, C = "Maia 200".
.headers off
.headers
.mode table
? designs(F, C), F = GUC, C = "Maia 200".
.mode box
? designs(F, C), F = GUC, C = "Maia 200".
.mode csv
? designs(F, C), F = GUC, C = "Maia 200".
.mode tsv
? designs(F, C), F = GUC, C = "Maia 200".
.headers on
.mode md
? shipments(V, U) in 2026 order by U desc limit 2.
KG
