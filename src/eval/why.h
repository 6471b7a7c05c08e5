#pragma once
// `why`: the derivation trees of the facts matching an atom, down to base facts with their
// sources. Built over the rule engine's tables (evaluating what is needed first).
#include "bind/bound.h"
#include "common/derivation.h"
#include "eval/rule_engine.h"
#include "schema/catalog.h"

namespace chipgraph::eval {

struct WhyOptions {
    size_t maxDerivations = 5; // per fact; the rest are counted
    size_t maxDepth = 12;
    // Set when the question has `known at`: sources coarser than a day say from which day
    // their claims are known (claim_filter.h).
    bool showKnownFrom = false;
};

// One tree per fact matching the query's single atom (constants fixed, variables open).
Result<std::vector<DerivationNode>> explainWhy(RuleEngine& engine, const bind::BoundQuery& query,
                                               const schema::Catalog& catalog,
                                               const WhyOptions& options = {});

} // namespace chipgraph::eval
