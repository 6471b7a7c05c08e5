# The dot-commands that use files: .output, .once, .read, .save, .open.
cat > notes.kg <<'NOTES'
-- read by .read: statements, dot-commands, and one error
.mode csv
source my_notes "Desk notes" published 2026-11.
Alchip designs Trainium4 from 2027 per my_notes rumored.
who designs Trainium4?
who designs "Trainium 4"?
NOTES
$CHIPGRAPH <<'KG'
.output all.txt
who designs Baltra?
.mode csv
who designs Baltra?
.output
.once once.txt
what does MediaTek design?
who designs Baltra?
.read notes.kg
.save saved.db
.open
who designs Trainium4?
.open saved.db
who designs Trainium4?
KG
echo "exit $?"
echo "--- all.txt"; cat all.txt
echo "--- once.txt"; cat once.txt
