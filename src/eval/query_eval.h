#pragma once
// Evaluates a planned conjunctive query over the in-memory facts (a FactView: base facts and
// derived tables): nested index joins, the validity of each answer is the intersection of its
// facts' validities, its status the weakest of theirs and its sources the union. Answers come
// back as a sorted, display-ready Table.
#include "bind/bound.h"
#include "common/status.h"
#include "common/table.h"
#include "eval/claim_filter.h"
#include "eval/fact_view.h"
#include "plan/plan.h"
#include "schema/catalog.h"

#include <atomic>
#include <chrono>

namespace chipgraph::eval {

// What stops a join early with an error: Ctrl-C, the statement's time limit and the memory
// guard (the process's resident memory), polled every few thousand rows.
struct QueryLimits {
    const std::atomic<bool>* cancel = nullptr;
    std::chrono::steady_clock::time_point deadline{}; // the epoch: none
    std::chrono::milliseconds timeLimit{0};           // for the message
    size_t maxMemoryBytes = 0;                        // 0: none
};

// Limits from now on: the deadline is `timeLimit` (0: none) from now.
QueryLimits queryLimitsFromNow(const std::atomic<bool>* cancel, std::chrono::milliseconds timeLimit,
                               size_t maxMemoryBytes);

// Returns the answers, or an error when a limit stopped the evaluation. The table's notes say
// which claims the window and `known at` left out, the query's own and `premisesLeftOut`
// (those of the rules' premises).
Result<Table> evaluateQuery(const bind::BoundQuery& query, const plan::QueryPlan& plan,
                            const FactView& facts, const schema::Catalog& catalog,
                            const QueryLimits& limits = {},
                            const LeftOutCounts& premisesLeftOut = {});

// The answers as a table and, row for row, the values of the query's variables (a wildcard's
// or an unbound variable's value is the empty text). Diagrams of a query draw from these.
struct QueryAnswers {
    Table table;
    std::vector<std::vector<Value>> bindings;
};
Result<QueryAnswers> evaluateQueryAnswers(const bind::BoundQuery& query,
                                          const plan::QueryPlan& plan, const FactView& facts,
                                          const schema::Catalog& catalog,
                                          const QueryLimits& limits = {},
                                          const LeftOutCounts& premisesLeftOut = {});

} // namespace chipgraph::eval
