# Piped into chipgraph without a subcommand, statements run one by one as a script: results on
# stdout, diagnostics on stderr with the line they are on, and the script goes on after an
# error; the exit code says that something failed.
$CHIPGRAPH <<'KG'
-- a comment, then a statement over two lines
? designs(F, C),
  F = Alchip.

who designs "Tranium3"?
source my_notes "Desk notes" published 2026-11.
Alchip designs Trainium4 from 2027 per my_notes rumored.
who designs Trainium4?
KG
echo "exit $?"
