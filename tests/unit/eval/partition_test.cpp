// Partitioned closures: which strata keep a column (and so split into independent parts), the
// grouping of seed rows, and appending parts to one table.
#include "engine/engine.h"
#include "eval/partition.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

// The kept column of the stratum defining `relation` in a program over `e(a: N, b: N)`.
int keptColumn(const std::string& rules, const std::string& relation) {
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    engine::Outcome outcome =
        engine.value()->run("type N.\nrelation e(a: N, b: N).\nrelation w(a: N).\n" + rules);
    for (const Diagnostic& d : outcome.diagnostics)
        UNSCOPED_INFO(d.message);
    REQUIRE(outcome.ok());
    const engine::RuleSet& set = engine.value()->rules();
    RelationId id = engine.value()->catalog().findRelation(relation)->id;
    for (const bind::Stratum& stratum : set.strata)
        if (std::find(stratum.relations.begin(), stratum.relations.end(), id) !=
            stratum.relations.end())
            return plan::passThroughColumn(set.rules, stratum);
    FAIL("no stratum defines " << relation);
    return -2;
}

} // namespace

TEST_CASE("passThroughColumn: linear rules that keep a column", "[eval][partition]") {
    // Right-linear: C passes from reach(B, C) to the head; left-linear: A does.
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- e(A, B), r(B, C).\n", "r") == 1);
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), e(B, C).\n", "r") == 0);
    // Two recursive rules must agree on the column.
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), e(B, C).\n"
                     "rule r(A, C) :- r(A, B), w(C), e(B, C).\n",
                     "r") == 0);
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), e(B, C).\n"
                     "rule r(A, C) :- e(A, B), r(B, C).\n",
                     "r") == -1);
}

TEST_CASE("passThroughColumn: what cannot be split", "[eval][partition]") {
    // Non-linear: a derivation joins two facts of the closure.
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), r(B, C).\n", "r") == -1);
    // The column moves: r(B, A) swaps the positions.
    CHECK(keptColumn("rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(C, B), e(B, A).\n", "r") == -1);
    // Mutual recursion: two relations in the stratum.
    CHECK(keptColumn("rule odd(A, B) :- e(A, B).\nrule even(A, C) :- e(A, B), odd(B, C).\n"
                     "rule odd(A, C) :- e(A, B), even(B, C).\n",
                     "odd") == -1);
    // Not recursive at all.
    CHECK(keptColumn("rule p(A, C) :- e(A, B), e(B, C).\n", "p") == -1);
}

TEST_CASE("groupRows orders rows by one column's value", "[eval][partition]") {
    eval::TupleTable table(2);
    const eval::ValueId rows[][2] = {{1, 7}, {2, 5}, {3, 7}, {4, 6}, {5, 5}};
    for (const auto& row : rows)
        table.add(row, schema::FactStatus::Actual, eval::IntervalSet(Interval::always()), nullptr);
    eval::RowGroups groups = eval::groupRows(table, 1);
    CHECK(groups.rows == std::vector<eval::RowId>{1, 4, 3, 0, 2});
    CHECK(groups.starts == std::vector<size_t>{0, 2, 3});
}

TEST_CASE("appendDistinct keeps rows, validity and lookups, and adds still deduplicate",
          "[eval][partition]") {
    using eval::IntervalSet;
    eval::TupleTable whole(1), part(1);
    const eval::ValueId a = 1, b = 2, c = 3;
    part.add(&a, schema::FactStatus::Actual, IntervalSet(Interval{0, 10}), nullptr);
    IntervalSet split(Interval{0, 5});
    split.unite(IntervalSet(Interval{20, 30}));
    part.add(&b, schema::FactStatus::Expected, split, nullptr);
    whole.appendDistinct(part);
    part.clear();
    CHECK(part.size() == 0);
    part.add(&c, schema::FactStatus::Actual, IntervalSet(Interval{3, 4}), nullptr);
    whole.appendDistinct(part);
    REQUIRE(whole.size() == 3);
    CHECK(whole.row(1)[0] == b);
    CHECK(whole.status(1) == schema::FactStatus::Expected);
    CHECK(whole.validity(1) == split);
    CHECK(whole.validity(2) == IntervalSet(Interval{3, 4}));
    CHECK(whole.lookup(0, c) == std::vector<eval::RowId>{2});
    // The hash is rebuilt on the next add: a known row only widens, a new one is added.
    auto added = whole.add(&a, schema::FactStatus::Actual, IntervalSet(Interval{5, 15}), nullptr);
    CHECK(added.row == 0);
    CHECK(added.added == IntervalSet(Interval{10, 15}));
    CHECK(whole.size() == 3);
    const eval::ValueId d = 4;
    whole.add(&d, schema::FactStatus::Actual, IntervalSet(Interval{0, 1}), nullptr);
    CHECK(whole.size() == 4);
}
