# Every subcommand's --help ends with its own text and examples, never the top-level one.
for sub in run init import dump; do
    $CHIPGRAPH $sub --help || exit
done
