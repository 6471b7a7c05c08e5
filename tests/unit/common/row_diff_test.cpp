#include "common/row_diff.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

Row row(std::initializer_list<const char*> cells) {
    Row out;
    for (const char* c : cells)
        out.push_back(Cell::ofText(c));
    return out;
}

// "kind before after" per change, e.g. "changed 0 1", "added - 2".
std::vector<std::string> describe(const std::vector<RowChange>& changes) {
    std::vector<std::string> out;
    auto index = [](size_t i) {
        return i == RowChange::kNone ? std::string("-") : std::to_string(i);
    };
    for (const RowChange& c : changes)
        out.push_back(std::string(c.kind == RowChange::Kind::Added     ? "added"
                                  : c.kind == RowChange::Kind::Removed ? "removed"
                                                                       : "changed") +
                      " " + index(c.before) + " " + index(c.after));
    return out;
}

} // namespace

TEST_CASE("diffRows: identical rows are unchanged wherever they are", "[row_diff]") {
    std::vector<Row> before{row({"a", "1"}), row({"b", "2"})};
    std::vector<Row> after{row({"b", "2"}), row({"a", "1"})};
    CHECK(diffRows(before, after, 1, 2).empty());
}

TEST_CASE("diffRows pairs rows of one key in order, the rest added or removed", "[row_diff]") {
    std::vector<Row> before{row({"a", "1"}), row({"a", "2"}), row({"c", "5"})};
    std::vector<Row> after{row({"b", "9"}), row({"a", "3"}), row({"c", "5"})};
    // Per key in text order: a's first row before pairs with its only row after; its second is
    // removed; b is new; c is unchanged.
    CHECK(describe(diffRows(before, after, 1, 2)) ==
          std::vector<std::string>{"changed 0 1", "removed 1 -", "added - 0"});
}

TEST_CASE("diffRows compares the first `width` cells only", "[row_diff]") {
    std::vector<Row> before{row({"a", "1", "detail x"})};
    std::vector<Row> after{row({"a", "1", "detail y"})};
    CHECK(diffRows(before, after, 1, 2).empty());
    CHECK(describe(diffRows(before, after, 1, 3)) == std::vector<std::string>{"changed 0 0"});
}

TEST_CASE("changedCells names the cells after the key that differ", "[row_diff]") {
    CHECK(changedCells(row({"a", "1", "x"}), row({"a", "2", "x"}), 1, 3) == std::vector<size_t>{1});
    CHECK(changedCells(row({"a", "1", "x"}), row({"a", "2", "y"}), 1, 3) ==
          std::vector<size_t>{1, 2});
    CHECK(changedCells(row({"a", "1", "x"}), row({"b", "1", "x"}), 1, 3).empty());
}
