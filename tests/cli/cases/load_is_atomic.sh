# A file with one error loads nothing: the good statements before it are not kept either.
cat > bad.kg <<'KG'
entity Rivos: DesignFirm.
Rivos designs "TPU v7" per seed2025 rumored.
Google designs "TPU v7" per seed2025 rumored.
KG
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH load --db kb.db bad.kg; echo "exit $?"
$CHIPGRAPH query --db kb.db 'what does Rivos design?'; echo "exit $?"
