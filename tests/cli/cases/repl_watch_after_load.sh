# The shell shows the watched answers that changed after a typed statement or a whole `.read`
# stored something (issue 17 §7), once per statement or file, and does not record the check:
# `chipgraph watch check` still reports the changes afterwards. A question stores nothing, so
# nothing is shown after it.
$CHIPGRAPH init kb.db > /dev/null
$CHIPGRAPH watch add --db kb.db trn4 'who designs Trainium4?' > /dev/null
cat > more.kg <<'KG'
entity Rivos2: DesignFirm.
Rivos2 designs Trainium4 per seed2025 rumored.
Rivos2 designs Trainium3 per seed2025 rumored.
KG
printf '%s\n' 'Alchip designs Trainium4 in 2028 per seed2025 rumored.' '? develops(X, Trainium4).' \
    '.read more.kg' | $CHIPGRAPH --db kb.db; echo "exit $?"
$CHIPGRAPH watch check --db kb.db; echo "exit $?"
echo '? develops(X, Trainium4).' | $CHIPGRAPH --db kb.db
