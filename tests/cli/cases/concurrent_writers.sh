# Issue 14, item 10: writers at once. Each run starts two loads (which create entities) and two
# imports into one database together; every fact must be stored once, with its own id, and
# every entity too, whatever order the writers take the lock in.
$CHIPGRAPH init kb.db > /dev/null
for w in a b; do
    for i in 1 2 3 4 5 6 7 8 9 10; do
        echo "entity Firm_${w}_$i: DesignFirm."
        echo "Firm_${w}_$i designs \"TPU v7\" from 20$((10 + i)) per seed2025 rumored."
    done > load_$w.kg
    { echo "firm,chip,valid_from"; for i in $(seq 1 50); do echo "Csv_${w}_$i,Trainium3,2026"; done; } > import_$w.csv
done
for run in 1 2 3; do
    $CHIPGRAPH load --db kb.db load_a.kg > /dev/null & a=$!
    $CHIPGRAPH load --db kb.db load_b.kg > /dev/null & b=$!
    $CHIPGRAPH import --db kb.db designs import_a.csv --create DesignFirm > /dev/null & c=$!
    $CHIPGRAPH import --db kb.db designs import_b.csv --create DesignFirm > /dev/null & d=$!
    wait $a; echo "load a: exit $?"; wait $b; echo "load b: exit $?"
    wait $c; echo "import a: exit $?"; wait $d; echo "import b: exit $?"
done
sqlite3 kb.db "select count(*) - count(distinct id) as duplicate_fact_ids from facts;
               select count(*) - count(distinct id) as duplicate_entity_ids from entities;
               select count(*) from entities where name like 'Firm\_%' escape '\' or name like 'Csv\_%' escape '\';"
$CHIPGRAPH query --db kb.db '? designs(F, "TPU v7").' --format csv | grep -c '^Firm_'
$CHIPGRAPH query --db kb.db '? designs(F, Trainium3).' --format csv | grep -c '^Csv_'
