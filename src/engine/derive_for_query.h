#pragma once
// The derived facts a query reads: the strata its derived relations need, evaluated with the
// query's window and `known at` applied to the premises, and on demand when the query gives
// constants (plan/demand.h). Shared by queries, `explain` and diagrams of a query.
#include "bind/bound.h"
#include "common/status.h"
#include "engine/engine.h"
#include "engine/paged_lookups.h"
#include "eval/fact_view.h"
#include "eval/query_eval.h"
#include "eval/rule_engine.h"
#include "plan/demand.h"
#include "plan/plan.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chipgraph::engine {

// Holds the rule engine that evaluated the derived relations: the query reads its tables in
// place. Neither copied nor moved (the engine refers to `program`).
struct QueryDerivation {
    QueryDerivation() = default;
    QueryDerivation(const QueryDerivation&) = delete;
    QueryDerivation& operator=(const QueryDerivation&) = delete;

    // What a query reads: `base`, with the derived relations from their tables (or `facts`).
    eval::FactView view(const eval::FactBase& base) const;

    plan::DemandProgram program;             // the rewrite evaluated (empty: none)
    std::unique_ptr<eval::RuleEngine> rules; // null when the query reads no derived relation
    // (original relation, the table answering it): read in place.
    std::vector<std::pair<RelationId, RelationId>> tables;
    // Relations answered by several restricted copies (plan/demand.h), their facts merged.
    eval::FactBase facts;
    std::string plan; // the strata evaluated, for `explain` ("" when none)
};

Status deriveForQuery(const bind::BoundQuery& query, const schema::Catalog& catalog,
                      const eval::FactBase& base, const RuleSet& rules,
                      const eval::RuleEvalOptions& options, bool demand, QueryDerivation& out);

// A query ready to evaluate: its derived facts (deriveForQuery), the view that reads them with
// the base facts, its plan over that view, and the limits it runs under. The one "derive, then
// plan" sequence of queries (a table: Executor::query) and of diagrams of a query (the
// variables' values: Engine::answerBindings). Neither copied nor moved (the view refers to
// `derived`).
struct PreparedQuery {
    PreparedQuery() = default;
    PreparedQuery(const PreparedQuery&) = delete;
    PreparedQuery& operator=(const PreparedQuery&) = delete;

    QueryDerivation derived;
    std::optional<eval::FactView> view;
    plan::QueryPlan plan;
    std::string planText; // the strata evaluated, then the query's join order (`explain`)
    eval::QueryLimits limits;
    // Claims the window and `known at` left out of the rules' premises (for the notes).
    eval::LeftOutCounts premisesLeftOut() const {
        return derived.rules ? derived.rules->leftOut() : eval::LeftOutCounts{};
    }
};

// Derives what `query` reads and plans it; the limits (options' cancel flag, time limit and
// memory guard) count from now. Errors: the rules hit a limit, or were interrupted.
// `paged`, when given, is asked once the derived facts are there (the rules have read the base
// relations they need) which relations the query reads by lookups on disk.
Status prepareQuery(const bind::BoundQuery& query, const schema::Catalog& catalog,
                    const eval::FactBase& base, const RuleSet& rules,
                    const eval::RuleEvalOptions& options, bool demand, PreparedQuery& out,
                    const std::function<PagedLookups*()>& paged = {});

} // namespace chipgraph::engine
