# Issue 13 §6: several questions print ONE JSON document (an array of answers, each with its
# query text, columns, rows and notes); jsonl prints one answer per line; a number is a JSON
# number or an object {"kind", "low", "high", "text"}, never a string; --explain adds "plan".
$CHIPGRAPH run --format json - <<'KG'
source my_notes "Desk notes" published 2026-11.
Alchip designs Trainium4 from 2027 per my_notes rumored.
who designs Trainium4 per my_notes?
? shipments(V, U) in 2026 order by U desc limit 2.
KG
$CHIPGRAPH query --format jsonl 'who designs "Maia 200"? ? shipments(Google, U) in 2026 per seed2025.'
$CHIPGRAPH query --format json --explain '? designs(F, "Maia 200") status rumored.'
# an empty answer is still an answer: rows [] (and exit 0)
$CHIPGRAPH query --format json '? designs(F, "Maia 200") status actual.'
echo "exit $?"
