# A misspelt name: an error with a caret and a suggestion, exit code 1.
$CHIPGRAPH query 'who designs Tranium3?'
