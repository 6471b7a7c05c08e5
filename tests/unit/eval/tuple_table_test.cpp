// The building blocks of rule evaluation: IntervalSet (one interval inline, more spilled) and
// TupleTable (unique rows, validity next to the key, what an add made newly true).
#include "eval/interval_set.h"
#include "eval/tuple_table.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using eval::IntervalSet;
using eval::TupleTable;

namespace {

std::vector<Interval> parts(const IntervalSet& s) {
    return {s.parts().begin(), s.parts().end()};
}

} // namespace

TEST_CASE("IntervalSet: unite reports the new days and merges touching parts", "[eval]") {
    IntervalSet s(Interval{10, 20});
    CHECK(parts(s.unite(IntervalSet(Interval{12, 18}))).empty());
    CHECK(parts(s.unite(IntervalSet(Interval{30, 40}))) == std::vector<Interval>{{30, 40}});
    CHECK(parts(s) == std::vector<Interval>{{10, 20}, {30, 40}});
    // Filling the gap closes it: one interval again, and only the gap was new.
    CHECK(parts(s.unite(IntervalSet(Interval{15, 35}))) == std::vector<Interval>{{20, 30}});
    CHECK(parts(s) == std::vector<Interval>{{10, 40}});
    CHECK(parts(s.unite(IntervalSet(Interval{40, 45}))) == std::vector<Interval>{{40, 45}});
    CHECK(parts(s) == std::vector<Interval>{{10, 45}});
}

TEST_CASE("IntervalSet: subtract and intersect split and clip", "[eval]") {
    IntervalSet s(Interval{0, 100});
    IntervalSet holes;
    holes.unite(IntervalSet(Interval{10, 20}));
    holes.unite(IntervalSet(Interval{50, 60}));
    IntervalSet rest = s.subtract(holes);
    CHECK(parts(rest) == std::vector<Interval>{{0, 10}, {20, 50}, {60, 100}});
    CHECK(parts(rest.intersect({5, 55})) == std::vector<Interval>{{5, 10}, {20, 50}});
    CHECK(rest.overlaps({12, 25}));
    CHECK_FALSE(rest.overlaps({12, 18}));
    CHECK(IntervalSet(Interval{5, 5}).empty()); // an empty interval makes an empty set
    CHECK(rest == IntervalSet(Interval{0, 100}).subtract(holes));
}

TEST_CASE("TupleTable: rows are unique per cells and status, and validity unites", "[eval]") {
    TupleTable t(2);
    eval::ValueId row[2] = {1, 2};
    auto a = t.add(row, schema::FactStatus::Actual, IntervalSet(Interval{0, 10}), nullptr);
    CHECK(t.size() == 1);
    CHECK(parts(a.added) == std::vector<Interval>{{0, 10}});
    // The same row: nothing new inside its days, the rest reported, a gap kept.
    auto b = t.add(row, schema::FactStatus::Actual, IntervalSet(Interval{2, 8}), nullptr);
    CHECK(b.row == a.row);
    CHECK(b.added.empty());
    t.add(row, schema::FactStatus::Actual, IntervalSet(Interval{20, 30}), nullptr);
    CHECK(parts(t.validity(a.row)) == std::vector<Interval>{{0, 10}, {20, 30}});
    // Closing the gap makes it a single interval again; a later split spills again.
    t.add(row, schema::FactStatus::Actual, IntervalSet(Interval{10, 20}), nullptr);
    Interval single;
    CHECK(t.singleValidity(a.row, single));
    CHECK(single == Interval{0, 30});
    t.add(row, schema::FactStatus::Actual, IntervalSet(Interval{40, 50}), nullptr);
    CHECK_FALSE(t.singleValidity(a.row, single));
    CHECK(parts(t.validity(a.row)) == std::vector<Interval>{{0, 30}, {40, 50}});
    // Another status is another row.
    t.add(row, schema::FactStatus::Expected, IntervalSet(Interval{0, 10}), nullptr);
    CHECK(t.size() == 2);
    CHECK(t.status(1) == schema::FactStatus::Expected);
}

TEST_CASE("TupleTable: batched adds equal one-by-one adds, across growth", "[eval]") {
    TupleTable one(2), batched(2);
    std::vector<TupleTable::PendingRow> pending;
    std::vector<IntervalSet> addedOne, addedBatched;
    for (eval::ValueId i = 0; i < 5000; ++i) {
        TupleTable::PendingRow p{};
        p.key[0] = i % 700; // repeats: the same rows again, on other days
        p.key[1] = i % 3;
        p.key[2] = static_cast<eval::ValueId>(schema::FactStatus::Actual);
        p.valid = {static_cast<DayNumber>(i % 11), static_cast<DayNumber>(i % 11 + 3)};
        addedOne.push_back(
            one.add(p.key, schema::FactStatus::Actual, IntervalSet(p.valid), nullptr).added);
        pending.push_back(p);
        if (pending.size() == TupleTable::kMaxBatch || i == 4999) {
            batched.addBatch(pending.data(), pending.size(),
                             [&](const TupleTable::Added& a) { addedBatched.push_back(a.added); });
            pending.clear();
        }
    }
    REQUIRE(one.size() == batched.size());
    CHECK(addedOne == addedBatched);
    for (eval::RowId r = 0; r < one.size(); ++r) {
        CHECK(one.row(r)[0] == batched.row(r)[0]);
        CHECK(one.validity(r) == batched.validity(r));
    }
}

TEST_CASE("IntervalSet: widening on both sides reports two pieces, and many parts spill and merge",
          "[eval]") {
    IntervalSet s(Interval{10, 20});
    CHECK(parts(s.unite(IntervalSet(Interval{5, 25}))) == std::vector<Interval>{{5, 10}, {20, 25}});
    CHECK(parts(s) == std::vector<Interval>{{5, 25}});
    // Touching counts as overlapping: one interval, one new piece.
    CHECK(parts(s.unite(IntervalSet(Interval{25, 30}))) == std::vector<Interval>{{25, 30}});
    CHECK(parts(s) == std::vector<Interval>{{5, 30}});
    // Three and four parts (beyond the inline two), then one interval covering them all.
    s.unite(IntervalSet(Interval{40, 50}));
    s.unite(IntervalSet(Interval{60, 70}));
    CHECK(parts(s) == std::vector<Interval>{{5, 30}, {40, 50}, {60, 70}});
    IntervalSet copy = s;
    CHECK(copy == s);
    CHECK(parts(s.unite(IntervalSet(Interval{0, 80}))) ==
          std::vector<Interval>{{0, 5}, {30, 40}, {50, 60}, {70, 80}});
    CHECK(parts(s) == std::vector<Interval>{{0, 80}});
    CHECK(parts(copy) == std::vector<Interval>{{5, 30}, {40, 50}, {60, 70}});
}

TEST_CASE("TupleTable: a reserved table holds what a growing one does", "[eval]") {
    TupleTable grown(2), reserved(2);
    reserved.reserve(100, true);
    for (eval::ValueId i = 0; i < 300; ++i) { // past the reservation: it still grows
        eval::ValueId cells[2] = {i % 50, i};
        eval::RowProvenance sources{{static_cast<SourceId>(i % 3 + 1)}, std::nullopt};
        IntervalSet days(Interval{static_cast<DayNumber>(i), static_cast<DayNumber>(i + 5)});
        for (TupleTable* t : {&grown, &reserved})
            t->add(cells, schema::FactStatus::Actual, days, &sources);
    }
    REQUIRE(reserved.size() == grown.size());
    for (eval::RowId r = 0; r < grown.size(); ++r) {
        CHECK(std::equal(grown.row(r), grown.row(r) + 3, reserved.row(r)));
        CHECK(parts(reserved.validity(r)) == parts(grown.validity(r)));
        CHECK(reserved.provenance(r)->sources == grown.provenance(r)->sources);
    }
    CHECK(reserved.lookup(0, 7) == grown.lookup(0, 7));
    eval::ValueId again[2] = {7, 7}; // an existing row is found, not added twice
    reserved.add(again, schema::FactStatus::Actual, IntervalSet(Interval{0, 3}), nullptr);
    CHECK(reserved.size() == 300);
}
