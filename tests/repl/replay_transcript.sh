#!/usr/bin/env bash
# Replays the session transcript of a Markdown file: the ```text block after the line
# "<!-- transcript -->". Lines after a prompt ("chipgraph> ", one naming the session's defaults
# such as "chipgraph as of 2027> ", or a continuation "      ...> ") are typed; every
# other line is what chipgraph printed (stdout and stderr, in order). The typed lines are piped
# into the binary, which must print exactly the rest.
#   replay_transcript.sh CHIPGRAPH FILE.md
set -u
binary=$1 doc=$2
transcript=$(awk '/^<!-- transcript -->/ { armed = 1; next }
                  armed && /^```/ { if (inside) exit; inside = 1; next }
                  inside { print }' "$doc")
if [ -z "$transcript" ]; then
    echo "FAILED: no transcript in $doc"
    exit 1
fi
prompt='^(chipgraph( [^>]*)?> | *\.\.\.> )'
input=$(printf '%s\n' "$transcript" | sed -n -E "s/$prompt//p")
expected=$(printf '%s\n' "$transcript" | grep -v -E "$prompt")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# CSV ends its lines with CRLF; the transcript holds plain lines.
actual=$(cd "$work" && printf '%s\n' "$input" | "$binary" 2>&1 | tr -d '\r')
if [ "$actual" != "$expected" ]; then
    diff -u <(printf '%s\n' "$expected") <(printf '%s\n' "$actual")
    echo "FAILED: the transcript in $doc differs from what chipgraph prints"
    exit 1
fi
echo "1 passed, 0 failed"
