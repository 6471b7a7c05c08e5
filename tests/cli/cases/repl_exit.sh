# .exit ends a script at once; .exit CODE sets the exit code, whatever failed before it; a
# bad code is an error with a caret and the script goes on (issue 21).
printf 'who designs Tranium3?\n.exit 4\nwho designs X1?\n' | $CHIPGRAPH
echo "exit $?"
printf '.exit 0x1\n.exit\nwho designs X1?\n' | $CHIPGRAPH
echo "exit $?"
$CHIPGRAPH -c '.exit 5'
echo "exit $?"
printf '.exti 2\n' | $CHIPGRAPH
