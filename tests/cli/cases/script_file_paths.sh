# Issue 14, item 11: paths in a script are relative to its folder, wherever it is run from;
# --allow-files lets it name files outside; a query names none without --allow-files.
$CHIPGRAPH init kb.db > /dev/null
mkdir -p notes/data
printf 'firm,chip,valid_from\nAlchip,Trainium3,2027\n' > notes/data/designs.csv
echo 'import designs from "data/designs.csv".' > notes/import.kg
$CHIPGRAPH load --db kb.db notes/import.kg; echo "exit $?"
printf 'firm,chip,valid_from\nAlchip,Trainium3,2028\n' > outside.csv
echo 'import designs from "../outside.csv".' > notes/outside.kg
$CHIPGRAPH load --db kb.db notes/outside.kg; echo "exit $?"
$CHIPGRAPH load --db kb.db --allow-files notes/outside.kg; echo "exit $?"
$CHIPGRAPH query --db kb.db 'import designs from "outside.csv".'; echo "exit $?"
$CHIPGRAPH query --db kb.db '? designs(Alchip, Trainium3) during 2027..2029.' --format csv
