# -c runs one statement or dot-command; --format and --db apply to it.
$CHIPGRAPH -c 'what does MediaTek design?'
$CHIPGRAPH -c 'what does MediaTek design?' --format jsonl
$CHIPGRAPH -c '.schema designs'
$CHIPGRAPH -c 'who designs Tranium3?'; echo "exit $?"
$CHIPGRAPH -c 'who designs Trainium3'; echo "exit $?"
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH --db kb.db -c 'who designs Baltra?'
$CHIPGRAPH --db nowhere.db -c 'who designs Baltra?'; echo "exit $?"
$CHIPGRAPH --format yaml -c 'who designs Baltra?'; echo "exit $?"
