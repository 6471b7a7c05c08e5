#!/usr/bin/env python3
"""Rewrites the REPL transcript of a Markdown file (the ```text block after "<!-- transcript -->",
checked by replay_transcript.sh) with what the binary prints now, keeping the typed lines in
place: each typed line stays before the output that followed it.
    tests/repl/update_transcript.py build/chipgraph docs/repl.md
Review the diff like code: it is what users will read."""
import difflib
import os
import re
import subprocess
import sys
import tempfile

binary, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
text = open(doc).read()
m = re.search(r'(<!-- transcript -->\n(?:.*\n)*?```text\n)((?:.*\n)*?)(```)', text)
head, body, tail = m.group(1), m.group(2), m.group(3)
lines = body.splitlines()
# A typed line follows a prompt: "chipgraph> ", one naming the session's defaults
# ("chipgraph as of 2027> "), or a continuation ("      ...> ").
PROMPT = re.compile(r'^(chipgraph(?: [^>]*)?> | *\.\.\.> )')
typed = [(i, l) for i, l in enumerate(lines) if PROMPT.match(l)]
expected = [l for l in lines if not PROMPT.match(l)]
inp = ''.join(PROMPT.sub('', l) + '\n' for _, l in typed)
with tempfile.TemporaryDirectory() as d:
    out = subprocess.run([binary], input=inp.encode(), cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout.decode()
actual = out.replace('\r', '').splitlines()
# expected index -> actual index
sm = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
amap = {}
for tag, i1, i2, j1, j2 in sm.get_opcodes():
    for k in range(i1, i2):
        amap[k] = j1 + (k - i1 if tag == 'equal' else min(k - i1, max(j2 - j1 - 1, 0)))
    amap[i2] = j2
# each typed line goes before the actual line matching the expected line that followed it
result, anchors = [], []
pos = 0
for i, l in enumerate(lines):
    if PROMPT.match(l):
        anchors.append((amap.get(pos, len(actual)), l))
    else:
        pos += 1
anchors_iter = iter(anchors)
nxt = next(anchors_iter, None)
for j in range(len(actual) + 1):
    while nxt and nxt[0] == j:
        result.append(nxt[1]); nxt = next(anchors_iter, None)
    if j < len(actual): result.append(actual[j])
while nxt:
    result.append(nxt[1]); nxt = next(anchors_iter, None)
open(doc, 'w').write(text[:m.start()] + head + '\n'.join(result) + '\n' + tail + text[m.end():])
