# The terminal settings never touch piped output: `.maxrows` and `.maxwidth` are remembered
# (and shown) but every row is printed in full, with no colours and no pager (issue 21).
PAGER=false $CHIPGRAPH <<'KG'
.maxrows 2
.maxwidth 20
.pager off
.maxrows
.maxwidth
.pager
who designs Trainium3?
.maxrows -1
.pager maybe
KG
