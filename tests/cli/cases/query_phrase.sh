# The foundation question, answered on the bundled graph.
$CHIPGRAPH query 'who designs Trainium3?'
