# --bail (or .bail on) stops a script at its first error.
printf 'who designs Trainium3?\nwho designs Tranium3?\nwhat does MediaTek design?\n' |
    $CHIPGRAPH --bail
echo "exit $?"
printf '.bail on\nwho designs Tranium3?\nwhat does MediaTek design?\n' | $CHIPGRAPH
echo "exit $?"
