#!/usr/bin/env bash
# Writes the fuzzers' seed corpora from the repository's own texts; run at build time by the
# fuzz_seeds target (nothing generated is committed). Usage: make_seeds.sh ROOT CHIPGRAPH OUT
#   OUT/run/     graph/*.kg and examples/*.kg (in chunks of at most 4000 bytes, cut at blank
#                lines: the fuzzers take 4096), the statements of each tests/golden/**/*.test
#                record and each ```chipgraph block of docs/*.md
#   OUT/import/  for each relation declared in graph/*.kg, its facts as CSV (queried from the
#                bundled graph with CHIPGRAPH) under a header of its column names, once as they
#                are and once with a new entity and a bad status, plus each CSV here-document of
#                tests/cli/cases/*.sh; each behind fuzz_import's first line `RELATION TYPE|- [skip]`
set -euo pipefail
root=$1 chipgraph=$2 out=$3
tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp/run" "$tmp/import"

# Blank-line separated blocks of each file, packed into chunks of at most 4000 bytes.
for file in "$root"/graph/*.kg "$root"/examples/*.kg; do
    awk -v prefix="$tmp/run/$(basename "$file" .kg)_" '
        function flush() { if (chunk != "") { n++; printf "%s", chunk > (prefix n ".kg"); close(prefix n ".kg") } chunk = "" }
        /^[[:space:]]*$/ { if (length(chunk) + length(block) > 4000) flush(); chunk = chunk block "\n"; block = ""; next }
        { block = block $0 "\n" }
        END { if (length(chunk) + length(block) > 4000) flush(); chunk = chunk block; flush() }
    ' "$file"
done

# Golden records: the text between the directive line and `----` (or the end of the record).
find "$root/tests/golden" -name '*.test' | sort | while read -r file; do
    name=$(basename "$file" .test)
    awk -v prefix="$tmp/run/golden_${name}_" '
        function flush() { if (text != "") { n++; printf "%s", text > (prefix n ".kg"); close(prefix n ".kg") } text = ""; state = 0 }
        /^[[:space:]]*$/ { flush(); next }
        state == 0 && /^(statement|query)/ { state = 1; next }
        state == 0 { next }
        /^----$/ { state = 2; next }
        state == 1 { text = text $0 "\n" }
        END { flush() }
    ' "$file"
done

# The documentation's ```chipgraph blocks.
for file in "$root"/docs/*.md; do
    awk -v prefix="$tmp/run/docs_$(basename "$file" .md)_" '
        /^```chipgraph/ { inside = 1; text = ""; next }
        inside && /^```/ { inside = 0; n++; printf "%s", text > (prefix n ".kg"); close(prefix n ".kg"); next }
        inside { text = text $0 "\n" }
    ' "$file"
done

# CSV seeds: every relation's facts as TSV from one run of the binary, turned into CSV.
declarations=$(grep -h '^relation ' "$root"/graph/*.kg)
queries=$tmp/relations.kg
: >"$queries"
while read -r declaration; do
    name=$(sed -E 's/^relation ([A-Za-z_0-9]+)\(.*/\1/' <<<"$declaration")
    columns=$(sed -E 's/^relation [^(]*\(([^)]*)\).*/\1/' <<<"$declaration")
    arity=$(awk -F, '{print NF}' <<<"$columns")
    variables=$(seq -s ', ' -f 'V%g' 1 "$arity")
    echo "? $name($variables) limit 12." >>"$queries"
done <<<"$declarations"
"$chipgraph" run --format tsv "$queries" >"$tmp/facts.tsv" || true
awk -v dir="$tmp/import" -v declarations="$declarations" '
    BEGIN {
        count = split(declarations, lines, "\n")
        for (i = 1; i <= count; i++) {
            line = lines[i]
            sub(/^relation /, "", line)
            name[i] = line; sub(/\(.*/, "", name[i])
            cols = line; sub(/^[^(]*\(/, "", cols); sub(/\).*/, "", cols)
            arity[i] = split(cols, parts, ",")
            header[i] = ""; firstType[i] = "-"
            for (k = 1; k <= arity[i]; k++) {
                split(parts[k], pair, ":"); gsub(/ /, "", pair[1]); gsub(/ /, "", pair[2])
                header[i] = header[i] pair[1] ","
                if (k == 1 && pair[2] != "text" && pair[2] != "number") firstType[i] = pair[2]
            }
            header[i] = header[i] "valid_from,valid_to,status,source"
        }
        FS = "\t"; relation = 0
    }
    function quote(s) { gsub(/"/, "\"\"", s); return (s ~ /[,"]/) ? "\"" s "\"" : s }
    function emit(   file) {
        if (relation == 0 || rows == "") return
        file = dir "/" name[relation] ".csv.seed"
        printf "%s -\n%s\n%s", name[relation], header[relation], rows > file; close(file)
        file = dir "/" name[relation] "_create.csv.seed"
        printf "%s %s skip\n%s\n%s%s", name[relation], firstType[relation], header[relation], rows, altered > file; close(file)
    }
    /^$/ { next }
    $(NF - 3) == "valid" && $(NF - 2) == "status" { emit(); relation++; rows = ""; altered = ""; next }
    {
        row = ""
        for (k = 1; k <= NF - 4; k++) row = row quote($k) ","
        from = ""; to = ""; valid = $(NF - 3)
        if (valid != "always") { split(valid, ends, /\.\./); from = ends[1]; to = (valid ~ /\.\./) ? ends[2] : ends[1] }
        source = $(NF - 1); sub(/,.*/, "", source)
        rows = rows row from "," to "," $(NF - 2) "," source "\n"
        if (altered == "") altered = quote($1 "_new") substr(row, length(quote($1)) + 1) from "," to ",rumord," source "\n"
    }
    END { emit() }
' "$tmp/facts.tsv"
rm -f "$queries" "$tmp/facts.tsv"

# The CSV here-documents of the CLI cases (they import into designs).
for file in "$root"/tests/cli/cases/*.sh; do
    awk -v prefix="$tmp/import/cli_$(basename "$file" .sh)_" '
        /<<.CSV.$/ { inside = 1; text = ""; next }
        inside && /^CSV$/ { inside = 0; n++; printf "designs DesignFirm skip\n%s", text > (prefix n ".csv.seed"); close(prefix n ".csv.seed"); next }
        inside { text = text $0 "\n" }
    ' "$file"
done

rm -rf "$out"
mv "$tmp" "$out"
echo "seeds: $(ls "$out/run" | wc -l) for fuzz_run, $(ls "$out/import" | wc -l) for fuzz_import"
