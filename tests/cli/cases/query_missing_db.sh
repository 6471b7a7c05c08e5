$CHIPGRAPH query --db nowhere.db 'who designs Trainium3?'
