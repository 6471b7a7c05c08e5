# A bad dot-command or argument gets an error with a caret under it; the script goes on.
echo "not a database" > existing.txt
$CHIPGRAPH <<'KG'
.mdoe csv
.sch
.mode tabel
.headers maybe
.timer on off
.once
.show everything
.asof 2025-13
.knownat soon
.schema desings
.entities Chips
.aliases Gooogle
.help nope
.read missing.kg
.read "unterminated
.open nowhere.db
.output no/such/dir/out.txt
.save existing.txt
who designs Baltra?
KG
echo "exit $?"
