# The log (issue 17 §4): load, import and retract are entries with their time and author;
# `blame` names them; `recorded at` answers as the database stood then.
export SOURCE_DATE_EPOCH=1788220800 # 2026-09-01T00:00:00Z
$CHIPGRAPH init --author lead kb.db > /dev/null
cat > notes.kg <<'KG'
entity Rivos: DesignFirm.
Rivos designs Trainium4 from 2027 per seed2025 rumored.
KG
SOURCE_DATE_EPOCH=1793577600 $CHIPGRAPH load --db kb.db --author alice notes.kg # 2026-11-02
printf 'firm,chip,valid_from,status,source\nAlchip,Trainium4,2027,rumored,seed2025\n' > d.csv
SOURCE_DATE_EPOCH=1793664000 $CHIPGRAPH import --db kb.db --author bob designs d.csv # 11-03
echo 'retract Rivos designs Trainium4.' > undo.kg
SOURCE_DATE_EPOCH=1793750400 $CHIPGRAPH run --db kb.db --author carol undo.kg # 2026-11-04
$CHIPGRAPH query --db kb.db 'blame designs(_, Trainium4).'
$CHIPGRAPH query --db kb.db 'who designs Trainium4?'
$CHIPGRAPH query --db kb.db 'who designs Trainium4 recorded at 2026-11-03?'
$CHIPGRAPH query --db kb.db --format csv '? designs(F, Trainium4) recorded at 2026-11-02.'
$CHIPGRAPH load --db kb.db --author; echo "exit $?"
