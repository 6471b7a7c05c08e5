#!/usr/bin/env bash
# The test `packaging/generated`: the build wrote the manual page and the completions, they
# mention every subcommand the binary lists in its --help, the man page renders without roff
# warnings, and the bash completion completes subcommands, formats, flags and relations.
#   check_generated.sh BINARY BUILD_PACKAGING_DIR
set -u
bin=$1
dir=$2
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

subcommands=$("$bin" --help | awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$subcommands" ] || fail "no subcommands in '$bin --help'"
for f in chipgraph.1 chipgraph.bash _chipgraph; do
    [ -s "$dir/$f" ] || fail "$dir/$f was not generated"
done

for s in $subcommands; do
    grep -q "^\.SS \"chipgraph $s\"" "$dir/chipgraph.1" || fail "chipgraph.1 has no section on '$s'"
    grep -q "^ *$s) flags=" "$dir/chipgraph.bash" || fail "chipgraph.bash does not know '$s'"
    grep -q "^ *$s) flags=" "$dir/_chipgraph" || fail "_chipgraph does not know '$s'"
done
for section in 'THE LANGUAGE' 'EXIT STATUS' 'ENVIRONMENT' 'OPTIONS'; do
    grep -q "^\.SH \"*$section" "$dir/chipgraph.1" || fail "chipgraph.1 has no $section section"
done
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$dir/chipgraph.1" 2>&1)
    [ -z "$warnings" ] || fail "chipgraph.1 has roff warnings: $warnings"
fi

bash -n "$dir/chipgraph.bash" || fail "chipgraph.bash is not valid bash"
if command -v zsh >/dev/null; then
    zsh -n "$dir/_chipgraph" || fail "_chipgraph is not valid zsh"
fi

# Completes the words of a command line (the last one being typed) with the bash script.
complete_line() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
             _chipgraph; printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/chipgraph.bash" "$@"
}
expect_completion() { # EXPECTED WORD...
    local expected=$1
    shift
    complete_line "$@" | grep -qx -- "$expected" ||
        fail "completing '$*' does not offer '$expected' (got: $(complete_line "$@" | tr '\n' ' '))"
}
for s in $subcommands; do expect_completion "$s" chipgraph ""; done
expect_completion jsonl chipgraph query --format ""
expect_completion svg chipgraph diagram -f ""
expect_completion --legend chipgraph diagram --le
expect_completion --no-color chipgraph --no-c
expect_completion designs chipgraph import --db chips.db des
expect_completion designs,fabbed_on chipgraph diagram -r designs,fab
expect_completion supplier_of chipgraph diagram --relations suppl
expect_completion DesignFirm chipgraph import --create Design

[ $failures -eq 0 ] && echo "man page and completions: all checks passed"
[ $failures -eq 0 ]
