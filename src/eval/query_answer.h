#pragma once
// Internal to query evaluation: the answers a join produces (query_eval.cpp) and the display
// table built from them (query_table.cpp).
#include "bind/bound.h"
#include "eval/query_eval.h"
#include "schema/catalog.h"

#include <optional>
#include <vector>

namespace chipgraph::eval {

// One answer: the variables' values, when and how strongly it holds, and its provenance.
// Derivations that agree on values, validity and status merge into one answer.
struct Answer {
    std::vector<Value> values;
    Interval valid;
    schema::FactStatus status;
    std::vector<SourceId> sources; // sorted, unique
    // When the answer was first known: the earliest derivation's latest report date.
    std::optional<PartialDate> reported;
};

// Sorts the answers (requested keys, then every column, so the order is total), applies the
// limit and builds the display table with, row for row, the variables' values.
QueryAnswers tabulate(const bind::BoundQuery& query, std::vector<Answer> answers,
                      const schema::Catalog& catalog);

} // namespace chipgraph::eval
