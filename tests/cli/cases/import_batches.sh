# Rows are read in batches of 32 (their entities prefetched) before they are bound: quoted
# fields (which the CSV reader unescapes into a buffer it reuses) keep their own text across a
# batch, and bad rows in later batches are reported with their own row and line numbers.
{
    echo 'firm,chip,valid_from'
    for i in $(seq 1 70); do
        case $i in
        33) echo "\"Firm \"\"$i\"\"\",Trainium3,20x6" ;;       # a bad date, second batch
        65) echo "Firm_$i,Trainium3" ;;                         # a field short, third batch
        *) echo "\"Firm \"\"$i\"\", Inc.\",\"Trainium3\",2026" ;;
        esac
    done
} > firms.csv
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH import --db kb.db designs firms.csv --create DesignFirm --skip-bad bad.csv; echo "exit $?"
cat bad.csv
$CHIPGRAPH query --db kb.db '? designs(F, Trainium3).' --format csv | grep -c '^"Firm ""[0-9]*"", Inc."'
$CHIPGRAPH query --db kb.db '? designs(F, Trainium3).' --format csv | grep '"Firm ""\(1\|32\|34\|64\|66\|70\)""'
