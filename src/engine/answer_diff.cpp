#include "engine/answer_diff.h"

#include "common/text.h"

#include <algorithm>
#include <map>
#include <set>

namespace chipgraph::engine {

namespace {

using Row = std::vector<Cell>;

std::string joinCells(const Row& row, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i)
        out += row[i].text + '\x1f';
    return out;
}

// Sources gained and lost: "+udn_2026_02, -seed2025".
std::string sourceChange(const std::string& was, const std::string& now) {
    std::vector<std::string> before = text::splitList(was, ','), after = text::splitList(now, ',');
    std::string out;
    for (const std::string& s : after)
        if (std::find(before.begin(), before.end(), s) == before.end())
            out += (out.empty() ? "+" : ", +") + s;
    for (const std::string& s : before)
        if (std::find(after.begin(), after.end(), s) == after.end())
            out += (out.empty() ? "-" : ", -") + s;
    return out;
}

// What `was` differs in from `now`: "valid: 2026; source: +udn_2026_02" (cells after the key;
// for the sources, those gained and lost).
std::string wasText(const Row& was, const Row& now, const std::vector<std::string>& columns,
                    size_t keyColumns) {
    std::string out;
    for (size_t i = keyColumns; i < was.size(); ++i) {
        if (was[i].text == now[i].text) continue;
        std::string text = columns[i] == "source" ? sourceChange(was[i].text, now[i].text)
                           : was[i].kind == Cell::Kind::Null ? "-"
                                                             : was[i].text;
        out += (out.empty() ? "" : "; ") + columns[i] + ": " + text;
    }
    return out;
}

// Orders rows by their key cells: numbers numerically, other cells by text.
bool keyLess(const Row& a, const Row& b, size_t keyColumns) {
    for (size_t i = 0; i < keyColumns; ++i) {
        const Cell &x = a[i], &y = b[i];
        if (x.kind == Cell::Kind::Number && y.kind == Cell::Kind::Number) {
            if (x.number.sortKey() != y.number.sortKey())
                return x.number.sortKey() < y.number.sortKey();
        } else if (x.text != y.text) {
            return x.text < y.text;
        }
    }
    return false;
}

} // namespace

Table diffAnswers(const Table& before, const Table& after, size_t keyColumns) {
    size_t width = after.columns.size() - after.detailColumns;
    Table out;
    out.columns.assign(after.columns.begin(), after.columns.begin() + width);
    out.columns.push_back("change");
    out.columns.push_back("was");
    // Per key, the rows found in one answer only, in their answer's order.
    std::map<std::string, std::pair<std::vector<Row>, std::vector<Row>>> only;
    std::multiset<std::string> afterRows, beforeRows;
    for (const Row& r : after.rows)
        afterRows.insert(joinCells(r, 0, width));
    for (const Row& r : before.rows)
        beforeRows.insert(joinCells(r, 0, width));
    for (const Row& r : before.rows)
        if (!afterRows.count(joinCells(r, 0, width)))
            only[joinCells(r, 0, keyColumns)].first.emplace_back(r.begin(), r.begin() + width);
    for (const Row& r : after.rows)
        if (!beforeRows.count(joinCells(r, 0, width)))
            only[joinCells(r, 0, keyColumns)].second.emplace_back(r.begin(), r.begin() + width);
    auto emit = [&](Row row, const char* change, const std::string& was) {
        row.push_back(Cell::ofText(change));
        row.push_back(was.empty() ? Cell::null() : Cell::ofText(was));
        out.rows.push_back(std::move(row));
    };
    for (auto& [key, rows] : only) {
        std::vector<Row>& gone = rows.first;
        std::vector<Row>& fresh = rows.second;
        size_t paired = std::min(gone.size(), fresh.size());
        for (size_t i = 0; i < paired; ++i)
            emit(fresh[i], "changed", wasText(gone[i], fresh[i], out.columns, keyColumns));
        for (size_t i = paired; i < fresh.size(); ++i)
            emit(fresh[i], "added", "");
        for (size_t i = paired; i < gone.size(); ++i)
            emit(gone[i], "removed", "");
    }
    std::stable_sort(out.rows.begin(), out.rows.end(),
                     [&](const Row& a, const Row& b) { return keyLess(a, b, keyColumns); });
    std::set<std::string> notes;
    for (const Table* t : {&before, &after})
        for (const std::string& n : t->notes)
            if (notes.insert(n).second) out.notes.push_back(n);
    return out;
}

} // namespace chipgraph::engine
