# A unit of imports binds the next file (one that creates no entities, of 256 KiB or more) while
# the current one is stored: the answers, and the errors of a bad row in a file bound ahead,
# are as if each file were bound in turn, and a unit with an error stores nothing. --threads 2
# binds ahead whatever the load (the default needs a free core).
cat > unit.kg <<'KG'
type Item.
relation named(id: Item, name: text) timeless.
relation link(src: Item, dst: Item, w: number) timeless.
rule weights(sum(W)) :- link(X, Y, W).
rule sources(count(X)) :- link(X, Y, W).
import named from "items.csv" create Item.
import link from "links1.csv".
import link from "links2.csv".
KG
awk 'BEGIN { print "id,name"; for (i = 0; i < 5000; i++) print i ",item " i }' > items.csv
awk 'BEGIN { print "src,dst,w"; for (i = 0; i < 25000; i++) print (i * 7) % 5000 "," (i * 13 + 5) % 5000 "," i % 97 }' > links1.csv
awk 'BEGIN { print "src,dst,w"; for (i = 0; i < 25000; i++) print (i * 11) % 5000 "," (i * 3 + 1) % 5000 "," (i == 22222 ? "lots" : i % 89) }' > links2.csv
wc -c links1.csv links2.csv | awk '$1 >= 262144 { n++ } END { print n - 1 " files of 256 KiB or more" }'
touch bad.db
$CHIPGRAPH run --threads 2 --db bad.db unit.kg; echo "exit $?"
$CHIPGRAPH query --db bad.db '? named(X, "item 7").'; echo "exit $?"
sed -i 's/,lots$/,5/' links2.csv
touch good.db
$CHIPGRAPH run --threads 2 --db good.db unit.kg; echo "exit $?"
$CHIPGRAPH query --db good.db '? weights(W), sources(N).' --format csv
# What awk finds in the files (distinct rows, as facts are).
awk -F, 'FNR > 1 { k = $1 "," $2 "," $3; if (!(k in seen)) { seen[k]; w += $3; s[$1] } }
         END { n = 0; for (x in s) n++; print "awk: " w ", " n }' links1.csv links2.csv
