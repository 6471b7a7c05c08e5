# Watch lists (issue 17 §7): saved questions, what changed since the last check (exit 1 when
# anything did, for cron), list and remove; errors.
export SOURCE_DATE_EPOCH=1788220800 # 2026-09-01T00:00:00Z
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH watch add --db kb.db trn4 'who designs Trainium4?'; echo "exit $?"
$CHIPGRAPH watch add --db kb.db ships '? shipments(Google, U) in 2027.'; echo "exit $?"
$CHIPGRAPH watch check --db kb.db; echo "exit $?"
cat > notes.kg <<'KG'
entity Rivos: DesignFirm.
Rivos designs Trainium4 from 2027 per seed2025 rumored.
retract Alchip designs Trainium4 per bi_2025_12.
KG
$CHIPGRAPH load --db kb.db notes.kg > /dev/null
SOURCE_DATE_EPOCH=1793577600 $CHIPGRAPH watch check --db kb.db; echo "exit $?"
$CHIPGRAPH watch check --db kb.db; echo "exit $?"
$CHIPGRAPH watch list --db kb.db
echo 'Marvell designs Trainium4 in 2028 per seed2025 rumored.' > more.kg
$CHIPGRAPH load --db kb.db more.kg > /dev/null
$CHIPGRAPH watch check --db kb.db --format json; echo "exit $?"
$CHIPGRAPH watch remove --db kb.db TRN4; echo "exit $?"
$CHIPGRAPH watch list --db kb.db --format csv
# Errors: a taken name, not a question, a bad question, an unknown watch, no database.
$CHIPGRAPH watch add --db kb.db ships 'who designs X1?'; echo "exit $?"
$CHIPGRAPH watch add --db kb.db bad 'retract Rivos designs Trainium4.'; echo "exit $?"
$CHIPGRAPH watch add --db kb.db bad 'who designs Tranium4?'; echo "exit $?"
$CHIPGRAPH watch remove --db kb.db nothing; echo "exit $?"
$CHIPGRAPH watch check --db missing.db; echo "exit $?"
$CHIPGRAPH watch; echo "exit $?"
