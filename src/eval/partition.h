#pragma once
// Linear recursion that keeps a column: in `reach(A, C) :- supplies(A, B), reach(B, C).` every
// derivation's C is the C of its one `reach` premise, so the closure splits by C into parts
// that never meet. Evaluating a few parts at a time keeps each round's table small enough to
// stay in cache; on a closure of millions of facts the hash probes of one large table are
// otherwise most of the cost (bench/README.md, case (c)).
#include "eval/tuple_table.h"
#include "plan/rule_plan.h"

#include <vector>

namespace chipgraph::eval {

// Which strata split so (the column their rules keep): plan::passThroughColumn.

// A table's rows grouped by their value in one column: `rows` in order of that value, and
// where each group starts in `rows` (a group ends where the next starts, the last at the end).
struct RowGroups {
    std::vector<RowId> rows;
    std::vector<size_t> starts;
};
RowGroups groupRows(const TupleTable& table, int column);

} // namespace chipgraph::eval
