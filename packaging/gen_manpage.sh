#!/usr/bin/env bash
# Writes chipgraph.1 with Debian's help2man from the built binary's real --help and --version,
# the hand-written sections of chipgraph.h2m (the language, environment, exit status) and a
# SUBCOMMANDS section holding each subcommand's own --help, verbatim.
#   gen_manpage.sh BINARY INCLUDE.h2m OUTPUT.1
set -euo pipefail
bin=$1
include=$2
output=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

subcommands=$("$bin" --help | awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$subcommands" ] || { echo "gen_manpage: no subcommands in '$bin --help'" >&2; exit 1; }

# Help text as roff: backslashes escaped, a leading . or ' made literal, no filling.
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
{
    echo "[SUBCOMMANDS]"
    echo "Each subcommand has its own options; \\fBchipgraph \\fISUBCOMMAND\\fB \\-\\-help\\fR prints them."
    for s in $subcommands; do
        echo ".SS \"chipgraph $s\""
        echo ".nf"
        "$bin" "$s" --help | roff
        echo ".fi"
    done
} >"$work/subcommands.h2m"

help2man --no-info --section=1 --source="chipgraph" --manual="User Commands" \
    --include="$include" --include="$work/subcommands.h2m" --output="$work/chipgraph.1" "$bin"
mv "$work/chipgraph.1" "$output"
