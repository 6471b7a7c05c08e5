#!/usr/bin/env bash
# Renders every example diagram of this folder from the bundled knowledge base:
#   examples/diagrams/render.sh CHIPGRAPH OUTDIR
# Each diagram is written as NAME.dot (deterministic, compared by the test), NAME.svg and
# NAME.png. tests/cli/check_diagrams.sh runs this and compares with the files committed here.
set -euo pipefail
chipgraph=$1
out=$2

draw() {
    local name=$1
    shift
    for format in dot svg png; do
        "$chipgraph" diagram "$@" -o "$out/$name.$format" >/dev/null
    done
}

# Each vendor's supply chain: its chips (oldest on the left), design partners, process nodes
# and foundries.
draw google --entity Google --legend --title "Google TPU supply chain"
draw amazon --entity Amazon --legend --title "Amazon (AWS) Trainium and Inferentia supply chain"
draw microsoft --entity Microsoft --legend --native-names --title "Microsoft Maia supply chain"
draw meta --entity Meta --legend --title "Meta MTIA supply chain"
draw openai --entity OpenAI --legend --roles --title "OpenAI in-house accelerator"
draw xai --entity xAI --legend --roles --title "xAI X1"
draw apple --entity Apple --legend --roles --title "Apple Baltra"

# The whole picture in 2026.
draw supply-2026 --as-of 2026 --legend --title "AI ASIC supply chain, as of 2026"

# A derived relation (graph/rules.kg): who supplies design services to whom in 2026.
draw supplier-2026 --relations supplier_of --as-of 2026 --legend \
    --title "Design partners of each vendor (supplier_of), as of 2026"

# What changed between the analyst note's view (known at 2025-06-30) and today's.
draw changes-since-note --diff 2025-06-30.. --legend \
    --title "What changed since the note (known at 2025-06-30 → now)"

# A query: Trainium3's design partners in 2026 with their roles, its process node and foundry.
# Annapurna (in-house front-end) does not conflict with the back-end partners.
draw trainium3-2026 \
    --query '? designs(F, Trainium3), fabbed_on(Trainium3, N), made_by(N, Y) as of 2026.' \
    --legend --roles --title "Trainium3 in 2026: design partners, process node, foundry"
