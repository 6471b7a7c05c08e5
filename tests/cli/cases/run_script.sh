# run executes a script (here from stdin) on the bundled graph in memory: facts, then questions.
$CHIPGRAPH run - <<'KG'
source my_notes "Desk notes" published 2026-11.
Alchip designs Trainium4 from 2027 per my_notes rumored.
who designs Trainium4?
? designs(F, Trainium3), F != Alchip, F != Annapurna.
KG
