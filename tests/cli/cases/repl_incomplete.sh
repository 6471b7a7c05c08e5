# An unfinished statement at the end of the input is an error, not silently dropped.
printf 'who designs Trainium3?\n? designs(F, C),\n  F = Alchip\n' | $CHIPGRAPH
echo "exit $?"
# A string left open runs to the end of the input: the statement is unfinished too.
printf '\n\n"an open string\n' | $CHIPGRAPH
echo "exit $?"
