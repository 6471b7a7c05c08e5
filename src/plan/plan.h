#pragma once
// Join planning for conjunctive queries: the order in which atoms are joined, which argument
// positions are already bound when each atom is visited (so the evaluator can use an index),
// and where each comparison can be checked. Printable as stable text for `explain`.
#include "bind/bound.h"
#include "schema/catalog.h"

#include <functional>
#include <string>
#include <vector>

namespace chipgraph::plan {

struct JoinStep {
    int atom = 0;                    // index into BoundQuery::atoms
    std::vector<int> boundPositions; // argument positions bound before this step
    int lookupPosition = -1;         // the bound position used to probe an index; -1: scan
    std::vector<int> comparisons;    // checked right after this step (all their vars bound)
};

struct QueryPlan {
    std::vector<JoinStep> steps;
};

// Orders the atoms greedily: at each step the atom with the most bound arguments, ties broken
// by the smaller relation (`cardinality`), then by position in the query.
QueryPlan planQuery(const bind::BoundQuery& query,
                    const std::function<size_t(RelationId)>& cardinality);

// One line per step: "1. scan designs(F, C)" / "2. lookup develops(Amazon, C) on chip".
std::string describePlan(const bind::BoundQuery& query, const QueryPlan& plan,
                         const schema::Catalog& catalog);

} // namespace chipgraph::plan
