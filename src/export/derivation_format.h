#pragma once
// `why` answers rendered as an indented tree (for people) or JSON (for scripts).
#include "common/derivation.h"

#include <string>
#include <vector>

namespace chipgraph::exporter {

// One tree per fact:
//   supplier_of(Broadcom, Meta)  always  actual
//   └─ rule supplier_of(F, V) :- designs(F, C), develops(V, C).
//      ├─ designs(Broadcom, "MTIA v1")  always  actual  per seed2025 (2025-06)
//      └─ develops(Meta, "MTIA v1")  always  actual  per seed2025 (2025-06)
std::string renderDerivationsText(const std::vector<DerivationNode>& trees);

// {"facts": [{"fact", "valid", "status", "derived", "sources": [{"name", "published"}],
//             "derivations": [{"rule", "premises": [...]}], "more_derivations"}]}
std::string renderDerivationsJson(const std::vector<DerivationNode>& trees);

} // namespace chipgraph::exporter
