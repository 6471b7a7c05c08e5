#include "common/row_diff.h"

#include <map>
#include <set>
#include <string>

namespace chipgraph {

namespace {

std::string joinCells(const Row& row, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i)
        out += row[i].text + '\x1f';
    return out;
}

std::set<std::string> wholeRows(const std::vector<Row>& rows, size_t width) {
    std::set<std::string> out;
    for (const Row& r : rows)
        out.insert(joinCells(r, 0, width));
    return out;
}

} // namespace

std::vector<RowChange> diffRows(const std::vector<Row>& before, const std::vector<Row>& after,
                                size_t keyColumns, size_t width) {
    std::set<std::string> inBefore = wholeRows(before, width), inAfter = wholeRows(after, width);
    // Per key, the indices of the rows found in one list only.
    std::map<std::string, std::pair<std::vector<size_t>, std::vector<size_t>>> only;
    for (size_t i = 0; i < before.size(); ++i)
        if (!inAfter.count(joinCells(before[i], 0, width)))
            only[joinCells(before[i], 0, keyColumns)].first.push_back(i);
    for (size_t i = 0; i < after.size(); ++i)
        if (!inBefore.count(joinCells(after[i], 0, width)))
            only[joinCells(after[i], 0, keyColumns)].second.push_back(i);
    std::vector<RowChange> changes;
    for (const auto& [key, rows] : only) {
        const auto& [gone, fresh] = rows;
        size_t paired = std::min(gone.size(), fresh.size());
        for (size_t i = 0; i < paired; ++i)
            changes.push_back({RowChange::Kind::Changed, gone[i], fresh[i]});
        for (size_t i = paired; i < fresh.size(); ++i)
            changes.push_back({RowChange::Kind::Added, RowChange::kNone, fresh[i]});
        for (size_t i = paired; i < gone.size(); ++i)
            changes.push_back({RowChange::Kind::Removed, gone[i], RowChange::kNone});
    }
    return changes;
}

std::vector<size_t> changedCells(const Row& was, const Row& now, size_t keyColumns, size_t width) {
    std::vector<size_t> out;
    for (size_t i = keyColumns; i < width; ++i)
        if (was[i].text != now[i].text) out.push_back(i);
    return out;
}

} // namespace chipgraph
