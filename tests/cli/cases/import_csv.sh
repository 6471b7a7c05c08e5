# Bulk import: the header maps columns; a bad row imports nothing unless --skip-bad.
cat > designs.csv <<'CSV'
firm,chip,valid_from,valid_to,status,source,role
Alchip,Trainium4,2027,,rumored,seed2025,back-end
Rivos,Trainium4,2027,2028,rumored,seed2025,
"Marvell","Trainium4",2027,,rumord,seed2025,"minor, some variants"
CSV
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH import --db kb.db designs designs.csv; echo "exit $?"
$CHIPGRAPH import --db kb.db designs designs.csv --create DesignFirm --skip-bad bad.csv; echo "exit $?"
cat bad.csv
$CHIPGRAPH query --db kb.db 'who designs Trainium4?'
$CHIPGRAPH import --db kb.db desings designs.csv; echo "exit $?"
printf 'firm,chip,year\nAlchip,Trainium4,2027\n' > bad_header.csv
$CHIPGRAPH import --db kb.db designs bad_header.csv; echo "exit $?"
