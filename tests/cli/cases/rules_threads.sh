# --threads: a recursive relation (lineage, linear: closed in parts) gives the same answers on
# one thread as on one per core; a negative count is refused.
$CHIPGRAPH query --threads 1 '? lineage(A, B) order by A, B.' > one.txt
$CHIPGRAPH query '? lineage(A, B) order by A, B.' > all.txt
cmp one.txt all.txt && echo "same answers"
head -4 one.txt
$CHIPGRAPH query --threads -1 '? lineage(A, B).'
echo "exit $?"
