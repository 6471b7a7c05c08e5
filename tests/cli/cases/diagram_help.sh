$CHIPGRAPH diagram --help
