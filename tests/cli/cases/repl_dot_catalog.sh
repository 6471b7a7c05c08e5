# The dot-commands that list the catalog: .schema, .entities, .aliases, .sources, .rules.
# (The whole schema, the sources and the rules grow with graph/: only parts are checked.)
$CHIPGRAPH <<'KG'
.schema shipments
.entities ProcessNode
.aliases 谷歌
.aliases TPU v7
KG
$CHIPGRAPH -c '.schema' | head -3
printf '.mode csv\n.sources\n' | $CHIPGRAPH | head -2
printf 'rule my_partner(F, V) :- designs(F, C), develops(V, C).\n.rules\n' | $CHIPGRAPH |
    grep my_partner
$CHIPGRAPH <<'KG'
rule my_partner(F, V) :- designs(F, C), develops(V, C).
.schema my_partner
why my_partner(Broadcom, Apple)?
explain ? my_partner(F, Apple).
KG
