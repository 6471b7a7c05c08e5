# Issue 15, item 6: opening a database reads no entities; a question reads the ones it names
# (by name or alias, any case) or shows (by id), and the methods that need every name read them
# all (docs/storage.md, "Entities on demand"). Each command below is a fresh process on the
# file, which holds more entities than a catalog reads at once when it is loaded (1,024).
cat > kb.kg <<'KG'
type Company.
type Chip.
relation designs(firm: Company, chip: Chip).
relation rivals(firm: Company, peer: Company).
source seed published 2025-06.
source press published 2025-09.
entity Alchip: Company aka "Alchip Technologies".
entity Amazon: Company aka AWS.
entity X1 per press: Chip aka "Labs accelerator" per seed.
entity Trainium3: Chip aka Trn3.
Alchip designs Trainium3 per seed.
Alchip designs X1 per seed.
KG
: > kb.db
$CHIPGRAPH load --db kb.db kb.kg > /dev/null
{ echo "firm,peer"; for i in $(seq 1 1100); do echo "Filler_$i,Alchip"; done; } > fillers.csv
$CHIPGRAPH import --db kb.db rivals fillers.csv --create Company > /dev/null
# By alias, any case; the firm is read by its id to be shown.
$CHIPGRAPH query --db kb.db '? designs(F, trn3).' --format csv
# The name known at a date: the entity's name was not reported yet, its alias was.
$CHIPGRAPH query --db kb.db '? designs("alchip technologies", C) known at 2025-07-01.' --format csv
# A name that names nothing: the hint reads every name.
$CHIPGRAPH query --db kb.db '? designs(F, Trainum3).' --format csv
echo "exit $?"
# A unit that fails stores nothing and keeps no new name; one that succeeds adds to the names.
printf 'entity Marvell: Company.\nMarvell designs Trainium3 per nobody.\n' > bad.kg
$CHIPGRAPH load --db kb.db bad.kg > /dev/null
echo "exit $?"
$CHIPGRAPH query --db kb.db '? designs("Marvell", C).' --format csv
echo "exit $?"
printf 'entity Marvell: Company aka MRVL.\nentity Amazon: Company aka "Amazon Web Services".\n' > good.kg
printf 'MRVL designs Trainium3 per seed.\n"Amazon Web Services" designs X1 per press.\n' >> good.kg
$CHIPGRAPH load --db kb.db good.kg > /dev/null
$CHIPGRAPH query --db kb.db '? designs(F, C).' --format csv
$CHIPGRAPH query --db kb.db '? rivals("filler_1099", P).' --format csv
$CHIPGRAPH query --db kb.db '? designs(F, C), F = "amazon web services".' --format csv
echo "exit $?"
# An entity changed by hand to name a missing type is reported when a question first reads it
# (no answer, exit 1); questions that do not read it are answered.
sqlite3 kb.db "update entities set type_id = 99999 where name = 'Filler_5'"
$CHIPGRAPH query --db kb.db '? rivals("filler_5", P).' --format csv
echo "exit $?"
$CHIPGRAPH query --db kb.db '? designs(F, trn3).' --format csv
echo "exit $?"
# A diagram that reads it is neither shown nor written.
$CHIPGRAPH query --allow-files --db kb.db 'diagram rivals to "rivals.dot".'
echo "exit $?"
test -e rivals.dot && echo "rivals.dot written" || echo "no rivals.dot"
