# Every format written to a file (chosen by extension or --format) and every layout engine;
# the bytes vary with Graphviz versions, so only their shape is checked.
$CHIPGRAPH load --db w.db $ROOT/tests/cli/cases/diagram_world.kg >/dev/null
$CHIPGRAPH diagram --db w.db --legend -o world.svg
$CHIPGRAPH diagram --db w.db --legend -o world.png
$CHIPGRAPH diagram --db w.db -o world.pdf
$CHIPGRAPH diagram --db w.db --format svg -o world.diagram
$CHIPGRAPH diagram --db w.db -o world.gv
head -c 5 world.svg; echo; grep -c '</svg>' world.svg; grep -c '>亚马逊<\|>Amazon<' world.svg
head -c 4 world.png | tail -c 3; echo; [ "$(wc -c <world.png)" -gt 10000 ] && echo "png is non-trivial"
head -c 5 world.pdf; echo
head -c 5 world.diagram; echo
head -n 1 world.gv
for layout in neato fdp circo; do
    $CHIPGRAPH diagram --db w.db --layout $layout -o $layout.svg && grep -c '</svg>' $layout.svg
done
$CHIPGRAPH diagram --db w.db --format svg | tail -n 1
ls
