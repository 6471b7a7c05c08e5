$CHIPGRAPH query '? designs(F, C)'
