#pragma once
// How two lists of rows differ: two answers to one question (engine/answer_diff.h: `diff known
// at`, `diff as of`, `diff under`, a derived fact's history, `changes`) or two snapshots of a
// diagram's edges (`diagram --diff`). One matching rule for all of them:
// - a row whose cells (the first `width`) all equal a row of the other list is unchanged;
// - the other rows are matched by their first `keyColumns` cells: per key, the i-th row found
//   only before pairs with the i-th found only after (changed); the rest are removed / added.
#include "common/table.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chipgraph {

using Row = std::vector<Cell>;

struct RowChange {
    enum class Kind { Added, Removed, Changed };
    static constexpr size_t kNone = SIZE_MAX;
    Kind kind = Kind::Added;
    size_t before = kNone; // index of the row in `before` (Removed, Changed)
    size_t after = kNone;  // index of the row in `after` (Added, Changed)
};

// The changes, per key in the keys' text order: changed pairs, then added, then removed rows,
// each in its list's order.
std::vector<RowChange> diffRows(const std::vector<Row>& before, const std::vector<Row>& after,
                                size_t keyColumns, size_t width);

// The columns after the key (up to `width`) whose cells differ between two rows of one key.
std::vector<size_t> changedCells(const Row& was, const Row& now, size_t keyColumns, size_t width);

} // namespace chipgraph
