# `--format xlsx -o FILE` (issue 19 §5): read the workbook back from its XML. Cells are listed
# as REF:TYPE:VALUE, TYPE `s` a shared string (its text shown), `n` a number.
cells() { # sheet
    local strings
    mapfile -t strings < <(unzip -p answer.xlsx xl/sharedStrings.xml | grep -o '<t[^>]*>[^<]*</t>' |
        sed 's/<[^>]*>//g')
    unzip -p answer.xlsx "xl/worksheets/$1.xml" | grep -o '<c r="[A-Z]*[0-9]*"[^>]*><v>[^<]*</v></c>' |
        while read -r cell; do
            ref=$(echo "$cell" | sed 's/.*r="\([A-Z0-9]*\)".*/\1/')
            value=$(echo "$cell" | sed 's/.*<v>\([^<]*\)<\/v>.*/\1/')
            if echo "$cell" | grep -q 't="s"'; then echo "$ref:s:${strings[$value]}"; else echo "$ref:n:$value"; fi
        done
}
$CHIPGRAPH query --format xlsx -o answer.xlsx \
    '? shipments(V, U) in 2026 order by U desc limit 4. ? spec(Trainium3, M, V, N) order by M limit 2. who designs Maia 200?'
echo "exit $?"
unzip -Z1 answer.xlsx | grep -E 'sheet|workbook.xml$' | sort
unzip -p answer.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"'
echo "-- sheet 1: approximations and bounds as the text, low and high; a link per source"
cells sheet1
unzip -p answer.xlsx xl/worksheets/sheet1.xml | grep -o '<hyperlink [^>]*>'
echo "-- sheet 2: a column of exact numbers stays one column, of numbers"
cells sheet2 | grep -E '^[A-Z]+[23]:'
echo "-- sheet 3: two sources, two links"
cells sheet3 | grep -E '^[A-Z]+3:'
unzip -p answer.xlsx xl/worksheets/sheet3.xml | grep -o '<hyperlink [^>]*>'
echo "-- sources: title, publisher, date, address (a link)"
cells sheet4 | grep -E '^[A-E][12]:'
unzip -p answer.xlsx xl/worksheets/_rels/sheet4.xml.rels | grep -o 'Target="[^"]*"' | head -2
echo "-- errors"
$CHIPGRAPH query --format xlsx 'who designs Maia 200?'; echo "exit $?"
$CHIPGRAPH query -o x.xlsx 'who designs Maia 200?'; echo "exit $?"
$CHIPGRAPH query --format xlsx -o missing/x.xlsx 'who designs Maia 200?'; echo "exit $?"
echo 'entity Foo: Chip.' > s.kg
$CHIPGRAPH run --format xlsx -o s.xlsx s.kg; echo "exit $?"
ls *.xlsx* 
