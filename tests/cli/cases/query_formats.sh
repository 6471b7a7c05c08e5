# One question in every output format.
for format in json csv markdown; do
    $CHIPGRAPH query --format $format 'what does MediaTek design?'
done
