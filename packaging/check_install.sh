#!/usr/bin/env bash
# The test `packaging/install`: `cmake --install BUILD --prefix TMP` puts the binary (stripped
# of its debug information, and working), the manual page and both completions in place.
#   check_install.sh BUILD_DIR
set -u
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
for f in bin/chipgraph share/man/man1/chipgraph.1 share/bash-completion/completions/chipgraph \
    share/zsh/site-functions/_chipgraph; do
    [ -s "$prefix/$f" ] || fail "$f was not installed"
done
"$prefix/bin/chipgraph" --version | grep -q '^chipgraph ' || fail "the installed binary does not run"
if command -v readelf >/dev/null && readelf -S "$prefix/bin/chipgraph" | grep -q '\.debug_'; then
    fail "the installed binary keeps its debug information"
fi
[ $failures -eq 0 ] && echo "install: all checks passed"
[ $failures -eq 0 ]
