#include "eval/fact_base.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

schema::Fact fact(RelationId relation, EntityId a, EntityId b) {
    schema::Fact f;
    f.relation = relation;
    f.args = {Value::entity(a), Value::entity(b)};
    return f;
}

} // namespace

TEST_CASE("adding a fact twice keeps one", "[fact_base][error]") {
    eval::FactBase base;
    CHECK(base.add(fact(1, 10, 20)));
    CHECK_FALSE(base.add(fact(1, 10, 20)));
    CHECK(base.size(1) == 1);
    CHECK(base.totalSize() == 1);
}

TEST_CASE("facts that differ in validity, source or status are all kept", "[fact_base]") {
    eval::FactBase base;
    schema::Fact a = fact(1, 10, 20);
    schema::Fact b = a;
    b.valid = {0, 10};
    schema::Fact c = a;
    c.source = 2;
    schema::Fact d = a;
    d.status = schema::FactStatus::Rumored;
    for (const schema::Fact& f : {a, b, c, d})
        CHECK(base.add(f));
    CHECK(base.size(1) == 4);
}

TEST_CASE("relations are kept apart and unknown ones are empty", "[fact_base]") {
    eval::FactBase base;
    base.add(fact(1, 10, 20));
    base.add(fact(2, 10, 20));
    base.add(fact(2, 11, 20));
    CHECK(base.size(1) == 1);
    CHECK(base.size(2) == 2);
    CHECK(base.size(3) == 0);
    CHECK(base.relation(3).facts().empty());
    CHECK(base.totalSize() == 3);
}

TEST_CASE("lookup finds the facts with a value at a position", "[fact_base]") {
    eval::FactBase base;
    base.add(fact(1, 10, 20));
    base.add(fact(1, 11, 20));
    base.add(fact(1, 10, 21));
    const eval::RelationFacts& r = base.relation(1);
    CHECK(r.lookup(0, Value::entity(10)) == std::vector<uint32_t>{0, 2});
    CHECK(r.lookup(1, Value::entity(20)) == std::vector<uint32_t>{0, 1});
    CHECK(r.lookup(0, Value::entity(99)).empty());
    CHECK(r.lookup(0, Value::text("10")).empty());
}

TEST_CASE("indexes see facts added after they were built", "[fact_base]") {
    eval::FactBase base;
    base.add(fact(1, 10, 20));
    CHECK(base.relation(1).lookup(0, Value::entity(10)).size() == 1);
    base.add(fact(1, 10, 21));
    CHECK(base.relation(1).lookup(0, Value::entity(10)).size() == 2);
}

TEST_CASE("removing a fact drops it from the facts and the indexes", "[fact_base]") {
    eval::FactBase base;
    base.add(fact(1, 10, 20));
    base.add(fact(1, 11, 21));
    CHECK(base.relation(1).lookup(0, Value::entity(10)).size() == 1);
    CHECK(base.remove(fact(1, 10, 20)));
    CHECK(base.size(1) == 1);
    CHECK(base.relation(1).lookup(0, Value::entity(10)).empty());
    CHECK(base.relation(1).lookup(0, Value::entity(11)) == std::vector<uint32_t>{0});
    // Once removed, it can be added again.
    CHECK(base.add(fact(1, 10, 20)));
}

TEST_CASE("removing a fact that is not there returns false", "[fact_base][error]") {
    eval::FactBase base;
    CHECK_FALSE(base.remove(fact(1, 10, 20)));
    base.add(fact(1, 10, 20));
    CHECK_FALSE(base.remove(fact(1, 10, 21)));
    CHECK_FALSE(base.remove(fact(2, 10, 20)));
    CHECK(base.size(1) == 1);
}

TEST_CASE("adopted facts are found, looked up and kept distinct afterwards", "[fact_base]") {
    eval::FactBase base;
    base.add(fact(2, 1, 1));
    uint64_t before = base.relation(1).version();
    base.adoptDistinct(1, {fact(1, 10, 20), fact(1, 11, 20), fact(1, 10, 21)});
    CHECK(base.size(1) == 3);
    CHECK(base.totalSize() == 4);
    CHECK(base.relation(1).version() != before);
    CHECK(base.relation(1).facts()[1].args[0] == Value::entity(11)); // in the order given
    CHECK(base.contains(fact(1, 10, 21)));
    CHECK_FALSE(base.contains(fact(1, 11, 21)));
    CHECK_FALSE(base.add(fact(1, 11, 20))); // the identity set caught up
    CHECK(base.add(fact(1, 11, 21)));
    CHECK(base.relation(1).lookup(1, Value::entity(20)).size() == 2);
    CHECK(base.remove(fact(1, 10, 20)));
    CHECK(base.size(1) == 3);
}
