#!/usr/bin/env bash
# The layering of src/ (docs/architecture.md), checked from the folders' own words: each
# src/FOLDER/README.md says "May include: ..." (one sentence); every #include of another src/
# folder, or of a third-party library, must be named there. Prints each violation as
# file:line and fails.
set -euo pipefail
src=${1:?usage: check_layers.sh SRC_DIR}
cd "$src"
folders=$(for d in */; do [ -f "$d/README.md" ] && echo "${d%/}"; done)

# The "May include:" sentence of a README: from the phrase to its first full stop.
allowed_sentence() {
    awk '/May include:/{p=1} p{printf "%s ", $0} p&&/^$/{exit}' "$1/README.md" |
        sed -e 's/.*May include://' -e 's/\.\( \|$\).*//'
}

# Third-party headers and the word a README must use to allow them.
library_of() {
    case "$1" in
    sqlite3.h) echo SQLite ;;
    antlr4-runtime.h | antlr4-runtime/* | ChipGraph*) echo ANTLR ;;
    graphviz/* | gvc.h | cgraph.h) echo Graphviz ;;
    nlohmann/*) echo nlohmann-json ;;
    httplib.h) echo cpp-httplib ;;
    histedit.h | editline/*) echo libedit ;;
    CLI/*) echo CLI11 ;;
    xlsxwriter.h | xlsxwriter/*) echo xlsxwriter ;;
    *) echo "" ;;
    esac
}

status=0
for folder in $folders; do
    sentence=$(allowed_sentence "$folder")
    if [ -z "$sentence" ]; then
        echo "src/$folder/README.md: no 'May include:' sentence"
        status=1
        continue
    fi
    allowed=" $folder "
    for word in $(grep -o '`[a-z_]*/\?`' <<<"$sentence" | tr -d '`/'); do
        allowed+="$word "
    done
    while IFS=: read -r file line text; do
        header=$(sed -E 's/^#include [<"]([^>"]*)[>"].*/\1/' <<<"$text")
        top=${header%%/*}
        if [ "$top" != "$header" ] && grep -qx "$top" <<<"$folders"; then
            if [[ "$allowed" != *" $top "* ]]; then
                echo "src/$file:$line: includes '$header', but src/$folder/README.md allows:$allowed"
                status=1
            fi
            continue
        fi
        library=$(library_of "$header")
        if [ -n "$library" ] && [[ "$sentence" != *"$library"* ]]; then
            echo "src/$file:$line: includes '$header' ($library), not allowed by src/$folder/README.md"
            status=1
        fi
    done < <(grep -rn --include='*.h' --include='*.cpp' '^#include' "$folder" || true)
done
[ $status -eq 0 ] && echo "layers: every include is allowed by its folder's README"
exit $status
