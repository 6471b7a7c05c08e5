# issue 19 §4: a scenario declared in a database is kept there, like a rule, and later commands
# answer under it; it changes no stored fact.
$CHIPGRAPH init kb.db > /dev/null
cat > scenario.kg <<'KG'
scenario no_alchip { retract designs(Alchip, _). retract design_units(Alchip, _, _). }
KG
$CHIPGRAPH run --db kb.db scenario.kg
$CHIPGRAPH query --db kb.db '? supplier_of(F, Amazon) in 2026 diff under no_alchip.'
$CHIPGRAPH query --db kb.db '? designs(Alchip, Trainium3) in 2026.'
$CHIPGRAPH query --db kb.db '? supplier_of(F, Amazon) under no_alchp.'; echo "exit $?"
