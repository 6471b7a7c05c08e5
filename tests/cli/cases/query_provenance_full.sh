# Issue 13 §6a: `--provenance full` (and `.show provenance on` in the shell) adds one source
# column per atom beside the compact union; JSON carries them always.
$CHIPGRAPH query --provenance full '? designs(F, Trainium3), develops(V, Trainium3), F = Alchip.'
$CHIPGRAPH query --provenance full --format csv 'who designs "Maia 200"?'
$CHIPGRAPH query --format json '? designs(F, "Maia 200"), develops(V, "Maia 200").'
$CHIPGRAPH <<'KG'
.show provenance on
? designs(Marvell, C), develops(V, C), designs(F, C), F != Marvell, C = Trainium3.
.show provenance off
? designs(Marvell, C), develops(V, C), C = Trainium3.
KG
$CHIPGRAPH query --provenance everything 'who designs Baltra?'
echo "exit $?"
