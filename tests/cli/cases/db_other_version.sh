# A database of another schema version is refused, naming the chipgraph that made it and the
# upgrade path (dump with that one, load with this one); it is left as it was.
$CHIPGRAPH init old.db > /dev/null
sqlite3 old.db "UPDATE meta SET value = '7' WHERE key = 'schema_version'; DELETE FROM meta WHERE key = 'made_by'"
$CHIPGRAPH query --db old.db 'who designs Trainium3?'; echo "exit $?"
$CHIPGRAPH load --db old.db - <<< 'entity Z9: Chip.'; echo "exit $?"
$CHIPGRAPH dump --db old.db; echo "exit $?"
sqlite3 old.db "SELECT value FROM meta WHERE key = 'schema_version'"
sqlite3 old.db "UPDATE meta SET value = '12' WHERE key = 'schema_version'; INSERT INTO meta VALUES ('made_by', 'chipgraph 0.3.0')"
$CHIPGRAPH query --db old.db 'who designs Trainium3?'; echo "exit $?"
