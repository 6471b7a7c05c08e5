$CHIPGRAPH query --format yaml 'who designs Trainium3?'
