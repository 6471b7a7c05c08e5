#!/usr/bin/env bash
# Runs one CLI case script in a fresh temporary folder (so databases it creates vanish).
# $CHIPGRAPH is the binary under test, $ROOT the source tree.
set -u
case_file=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" && bash "$case_file"
