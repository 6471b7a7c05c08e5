#pragma once
// What changed between two answers to one question: at two dates (`diff known at`, `diff as
// of`: docs/time.md, "Diff") or without and under scenarios (`diff under`: docs/analysis.md).
// Rows are matched by their first `keyColumns` cells (the question's variables); a row found in
// only one answer is added or removed, and a row whose other cells (validity, status, sources,
// ...) differ is changed, with `was` saying what it was.
#include "common/table.h"

#include <cstddef>

namespace chipgraph::engine {

// The rows of `after` that differ from `before`, and those of `before` that are gone, with a
// `change` column (added, removed, changed) and a `was` column. Detail columns are left out.
Table diffAnswers(const Table& before, const Table& after, size_t keyColumns);

} // namespace chipgraph::engine
