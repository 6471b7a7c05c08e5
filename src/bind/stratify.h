#pragma once
// Stratification: the dependency graph of derived relations, its strongly connected
// components in dependency order, and the checks that negation and aggregation never sit
// inside a recursive cycle (each error names the cycle and points at both places).
#include "bind/bound.h"
#include "common/diagnostic.h"
#include "schema/catalog.h"

#include <vector>

namespace chipgraph::bind {

struct StratifyResult {
    std::vector<Stratum> strata; // every relation after the ones it depends on
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

StratifyResult stratify(const std::vector<BoundRule>& rules, const schema::Catalog& catalog);

} // namespace chipgraph::bind
