# The dot-commands that change settings: .help, .show, .timer, .bail, .asof, .knownat, .quit.
$CHIPGRAPH <<'KG' | sed 's/^time: [0-9.]* s$/time: (elapsed) s/'
.help
.help asof
.show
.timer on
.timer
who designs Baltra?
.timer off
.show plan
who designs Baltra?
.show plan off
.show ast
who   designs
   Baltra   ?
.show ast off
.knownat 2025-06-30
who designs Trainium3?
.knownat off
.asof 2024
.asof
who designs Trainium3?
.asof off
.bail on
.bail
.quit
who designs Trainium3?
KG
