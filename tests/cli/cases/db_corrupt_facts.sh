# Opening reads the catalog; a relation's facts are read on its first use (docs/storage.md,
# "Opening"). A fact changed by hand to name a source that does not exist is reported when a
# question first reads its relation (the answer is not given, the exit code is 1); questions
# that do not read it are answered.
cat > kb.kg <<'KG'
type Company.
type Chip.
relation designs(firm: Company, chip: Chip).
relation develops(owner: Company, chip: Chip).
entity Alchip: Company.
entity Amazon: Company.
entity Trainium3: Chip.
source seed.
Alchip designs Trainium3 per seed.
Amazon develops Trainium3 per seed.
KG
: > kb.db
$CHIPGRAPH load --db kb.db kb.kg > /dev/null
sqlite3 kb.db "update facts set source_id = 55 where relation_id = (select id from relations where name = 'designs')"
$CHIPGRAPH query --db kb.db '? develops(X, Trainium3).' --format csv
echo "exit $?"
$CHIPGRAPH query --db kb.db '? designs(X, Trainium3).' --format csv
echo "exit $?"
