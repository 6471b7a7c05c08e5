#include "engine/answer_diff.h"

#include "common/row_diff.h"
#include "common/text.h"

#include <algorithm>
#include <set>

namespace chipgraph::engine {

namespace {

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
    for (size_t i : changedCells(was, now, keyColumns, was.size())) {
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
    auto shown = [&](const Row& r) { return Row(r.begin(), r.begin() + width); };
    for (const RowChange& c : diffRows(before.rows, after.rows, keyColumns, width)) {
        Row row =
            shown(c.kind == RowChange::Kind::Removed ? before.rows[c.before] : after.rows[c.after]);
        std::string was = c.kind == RowChange::Kind::Changed
                              ? wasText(shown(before.rows[c.before]), row, out.columns, keyColumns)
                              : "";
        row.push_back(Cell::ofText(c.kind == RowChange::Kind::Added     ? "added"
                                   : c.kind == RowChange::Kind::Removed ? "removed"
                                                                        : "changed"));
        row.push_back(was.empty() ? Cell::null() : Cell::ofText(was));
        out.rows.push_back(std::move(row));
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
