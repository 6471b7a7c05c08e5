$CHIPGRAPH --help && $CHIPGRAPH query --help && $CHIPGRAPH load --help
