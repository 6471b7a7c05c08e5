#pragma once
// The derived facts a query reads: the strata its derived relations need, evaluated with the
// query's window and `known at` applied to the premises, and on demand when the query gives
// constants (plan/demand.h). Shared by queries, `explain` and diagrams of a query.
#include "bind/bound.h"
#include "common/status.h"
#include "engine/engine.h"
#include "eval/fact_base.h"
#include "eval/rule_engine.h"

#include <string>

namespace chipgraph::engine {

struct QueryDerivation {
    eval::FactBase facts; // by the original relation ids the query names
    std::string plan;     // the strata evaluated, for `explain` ("" when none)
};

Status deriveForQuery(const bind::BoundQuery& query, const schema::Catalog& catalog,
                      const eval::FactBase& base, const RuleSet& rules,
                      const eval::RuleEvalOptions& options, bool demand, QueryDerivation& out);

} // namespace chipgraph::engine
