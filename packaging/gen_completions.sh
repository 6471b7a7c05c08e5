#!/usr/bin/env bash
# Writes the bash and zsh completion scripts for chipgraph by asking the built binary: the
# subcommands and their flags come from its --help, the relation and type names from the
# bundled knowledge base (`.schema`), so the scripts never drift from the program.
#   gen_completions.sh BINARY OUTDIR   ->   OUTDIR/chipgraph.bash, OUTDIR/_chipgraph
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"

words() { tr '\n' ' ' | sed 's/ *$//'; }

subcommands=$("$bin" --help | awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' | words)
[ -n "$subcommands" ] || { echo "gen_completions: no subcommands in '$bin --help'" >&2; exit 1; }

# The flags of `chipgraph [SUB] --help`, one per word: "-f --format --db ...".
flags_of() { "$bin" "$@" --help | grep -oE '^  -[^ ]+' | tr ',' '\n' | sed 's/^ *//' | words; }
# The flags followed by a value (an upper-case type such as TEXT or INT in the help).
valued_of() {
    # (none at all: `watch` has only subcommands)
    { "$bin" "$@" --help | grep -E '^  -[^ ]+ [A-Z]' | grep -oE '^  -[^ ]+' || true; } |
        tr ',' '\n' | sed 's/^ *//' | words
}

schema=$("$bin" --no-history -c .schema)
relations=$(printf '%s\n' "$schema" | sed -n 's/^relation \([A-Za-z_][A-Za-z0-9_]*\)(.*/\1/p;s/^rule \([a-z_][A-Za-z0-9_]*\)(.*/\1/p' | sort -u | words)
types=$(printf '%s\n' "$schema" | sed -n 's/^type \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' | sort -u | words)
formats="table box csv tsv json jsonl markdown line"
valued=$( { valued_of; for s in $subcommands; do valued_of "$s"; done; } | tr ' ' '\n' | sort -u | words)

# bash ------------------------------------------------------------------------------------
{
    cat <<EOF
# bash completion for chipgraph. Generated at build time from \`chipgraph --help\` and the
# bundled knowledge base; do not edit (see packaging/gen_completions.sh).
_chipgraph() {
    local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
    local subcommands="$subcommands"
    local relations="$relations"
    local types="$types"
    local formats="$formats"
    local valued=" $valued "
    local sub="" i positional=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        local w=\${COMP_WORDS[i]}
        if [ -z "\$sub" ] && [[ " \$subcommands " == *" \$w "* ]]; then
            sub=\$w
        elif [ -n "\$sub" ] && [[ \$w != -* ]] && [[ \$valued != *" \${COMP_WORDS[i-1]} "* ]]; then
            positional=\$((positional + 1))
        fi
    done
    case "\$sub:\$prev" in
    diagram:-f | diagram:--format) COMPREPLY=(\$(compgen -W "dot svg png pdf" -- "\$cur")); return ;;
    *:-f | *:--format) COMPREPLY=(\$(compgen -W "\$formats" -- "\$cur")); return ;;
    *:-r | *:--relations)
        local prefix=""
        [[ \$cur == *,* ]] && prefix=\${cur%,*},
        COMPREPLY=(\$(compgen -P "\$prefix" -W "\$relations" -- "\${cur##*,}"))
        return
        ;;
    *:--layout) COMPREPLY=(\$(compgen -W "dot neato fdp circo" -- "\$cur")); return ;;
    *:--diff-by) COMPREPLY=(\$(compgen -W "known valid" -- "\$cur")); return ;;
    *:--create) COMPREPLY=(\$(compgen -W "\$types" -- "\$cur")); return ;;
    *:--db | *:-o | *:--output | *:--history | *:--skip-bad) COMPREPLY=(\$(compgen -f -- "\$cur")); return ;;
    esac
    if [[ \$valued == *" \$prev "* ]]; then return; fi
    local flags
    case \$sub in
EOF
    printf '    "") flags="%s" ;;\n' "$(flags_of)"
    for s in $subcommands; do printf '    %s) flags="%s" ;;\n' "$s" "$(flags_of "$s")"; done
    cat <<EOF
    esac
    if [[ \$cur == -* ]]; then
        COMPREPLY=(\$(compgen -W "\$flags" -- "\$cur"))
        return
    fi
    case \$sub in
    "") COMPREPLY=(\$(compgen -W "\$subcommands" -- "\$cur")) ;;
    import)
        if [ \$positional -eq 0 ]; then
            COMPREPLY=(\$(compgen -W "\$relations" -- "\$cur"))
        else
            COMPREPLY=(\$(compgen -f -- "\$cur"))
        fi
        ;;
    query) COMPREPLY=() ;;
    *) COMPREPLY=(\$(compgen -f -- "\$cur")) ;;
    esac
}
complete -o bashdefault -o default -F _chipgraph chipgraph
EOF
} >"$out/chipgraph.bash"

# zsh -------------------------------------------------------------------------------------
{
    cat <<EOF
#compdef chipgraph
# zsh completion for chipgraph. Generated at build time from \`chipgraph --help\` and the
# bundled knowledge base; do not edit (see packaging/gen_completions.sh).
_chipgraph() {
    local -a subcommands relations types formats valued flags
    subcommands=($subcommands)
    relations=($relations)
    types=($types)
    formats=($formats)
    valued=($valued)
    local sub="" i positional=0
    for ((i = 2; i < CURRENT; i++)); do
        if [[ -z \$sub ]] && (( \${subcommands[(Ie)\${words[i]}]} )); then
            sub=\${words[i]}
        elif [[ -n \$sub && \${words[i]} != -* ]] && ! (( \${valued[(Ie)\${words[i-1]}]} )); then
            (( positional++ ))
        fi
    done
    local prev=\${words[CURRENT-1]} cur=\${words[CURRENT]}
    case "\$sub:\$prev" in
    diagram:-f | diagram:--format) compadd -- dot svg png pdf; return ;;
    *:-f | *:--format) compadd -- \$formats; return ;;
    *:-r | *:--relations) compset -P '*,'; compadd -- \$relations; return ;;
    *:--layout) compadd -- dot neato fdp circo; return ;;
    *:--diff-by) compadd -- known valid; return ;;
    *:--create) compadd -- \$types; return ;;
    *:--db | *:-o | *:--output | *:--history | *:--skip-bad) _files; return ;;
    esac
    (( \${valued[(Ie)\$prev]} )) && return
    case \$sub in
EOF
    printf '    "") flags=(%s) ;;\n' "$(flags_of)"
    for s in $subcommands; do printf '    %s) flags=(%s) ;;\n' "$s" "$(flags_of "$s")"; done
    cat <<EOF
    esac
    if [[ \$cur == -* ]]; then
        compadd -- \$flags
        return
    fi
    case \$sub in
    "") compadd -- \$subcommands ;;
    import) if (( positional == 0 )); then compadd -- \$relations; else _files; fi ;;
    query) ;;
    *) _files ;;
    esac
}
_chipgraph "\$@"
EOF
} >"$out/_chipgraph"
