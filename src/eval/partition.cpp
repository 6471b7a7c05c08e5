#include "eval/partition.h"

#include <algorithm>

namespace chipgraph::eval {

RowGroups groupRows(const TupleTable& table, int column) {
    // (value, row) packed in one word: one sort, no comparator indirection.
    std::vector<uint64_t> keyed(table.size());
    for (RowId r = 0; r < table.size(); ++r)
        keyed[r] = static_cast<uint64_t>(table.row(r)[column]) << 32 | r;
    std::sort(keyed.begin(), keyed.end());
    RowGroups groups;
    groups.rows.reserve(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i) {
        if (i == 0 || keyed[i] >> 32 != keyed[i - 1] >> 32) groups.starts.push_back(i);
        groups.rows.push_back(static_cast<RowId>(keyed[i]));
    }
    return groups;
}

} // namespace chipgraph::eval
