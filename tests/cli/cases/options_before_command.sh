# Options before a subcommand belong to the interactive session: given to a subcommand that
# way they would be ignored (a question answered from the bundled graph instead of --db's), so
# they are an error that says where they go.
$CHIPGRAPH init kb.db
$CHIPGRAPH --db kb.db query 'who designs Trainium3?'; echo "exit $?"
$CHIPGRAPH --format csv query 'who designs Trainium3?'; echo "exit $?"
$CHIPGRAPH --no-history query 'who designs Trainium3?'; echo "exit $?"
$CHIPGRAPH --db kb.db init other.db; echo "exit $?"
# A retraction that matches no stored claim warns (a mistyped clause would leave it in every
# answer); the claims stay.
$CHIPGRAPH run --db kb.db - <<<'retract designs(Alchip, Trainium3) per udn_2025_11 actual.'
$CHIPGRAPH query --db kb.db '? designs(Alchip, Trainium3) known at 2025-12-01.'
