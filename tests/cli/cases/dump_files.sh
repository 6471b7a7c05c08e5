# `dump` writes to stdout, or to a new file with -o; an existing file is replaced only with
# --force. Without --db it dumps the bundled knowledge base. A missing database is an error.
$CHIPGRAPH dump > bundled.kg; echo "exit $?"
head -3 bundled.kg
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH load --db kb.db - <<< 'entity "TPU v99": Chip aka "Ghost".' > /dev/null
$CHIPGRAPH dump --db kb.db -o kb.kg; echo "exit $?"
grep -c '' kb.kg
$CHIPGRAPH dump --db kb.db -o kb.kg; echo "exit $?"
echo "old" > kept.kg
$CHIPGRAPH dump --db kb.db -o kept.kg; echo "exit $?"
cat kept.kg
$CHIPGRAPH dump --db kb.db -o kept.kg --force; echo "exit $?"
cmp kb.kg kept.kg && echo "replaced"
grep 'Ghost' kept.kg
$CHIPGRAPH dump --db nowhere.db; echo "exit $?"
$CHIPGRAPH dump --db kb.db -o no/such/folder.kg; echo "exit $?"
ls no 2>&1 | head -1
ls *.part 2>/dev/null
$CHIPGRAPH dump --db kb.db -o ./kb.db --force; echo "exit $?"
$CHIPGRAPH query --db kb.db 'who designs Trainium3 as of 2026?' > /dev/null && echo "kb.db is intact"
$CHIPGRAPH --db kb.db -c '.dump kb.kg'; echo "exit $?"
$CHIPGRAPH --db kb.db -c '.dump' | cmp - kb.kg && echo ".dump prints the same text"
