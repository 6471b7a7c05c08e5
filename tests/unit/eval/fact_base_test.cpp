#include "eval/fact_base.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace chipgraph;

namespace {

schema::Fact fact(RelationId relation, EntityId a, EntityId b) {
    schema::Fact f;
    f.relation = relation;
    f.args = {Value::entity(a), Value::entity(b)};
    return f;
}

std::vector<uint32_t> indices(std::span<const uint32_t> found) {
    return {found.begin(), found.end()};
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
    CHECK(indices(r.lookup(0, Value::entity(10))) == std::vector<uint32_t>{0, 2});
    CHECK(indices(r.lookup(1, Value::entity(20))) == std::vector<uint32_t>{0, 1});
    CHECK(r.lookup(0, Value::entity(99)).empty());
    CHECK(r.lookup(0, Value::text("10")).empty());
}

TEST_CASE("lookup groups many values, each in fact order, numbers by value", "[fact_base]") {
    eval::FactBase base;
    // 3000 facts over 1000 first values (each three times, far apart), so that the index
    // grows past its first size and values share home slots.
    for (EntityId i = 0; i < 3000; ++i)
        base.add(fact(1, i % 1000, i));
    const eval::RelationFacts& r = base.relation(1);
    for (EntityId v : {0, 1, 499, 999})
        CHECK(indices(r.lookup(0, Value::entity(v))) ==
              std::vector<uint32_t>{static_cast<uint32_t>(v), static_cast<uint32_t>(v + 1000),
                                    static_cast<uint32_t>(v + 2000)});
    CHECK(r.lookup(0, Value::entity(1000)).empty());
    // Numbers are found by value, as `==` compares them: -0 is 0.
    schema::Fact zero, negativeZero;
    zero.relation = negativeZero.relation = 2;
    zero.args = {Value::number(Number::exact(0.0)), Value::entity(1)};
    negativeZero.args = {Value::number(Number::exact(-0.0)), Value::entity(2)};
    base.add(zero);
    base.add(negativeZero);
    CHECK(indices(base.relation(2).lookup(0, Value::number(Number::exact(0.0)))) ==
          std::vector<uint32_t>{0, 1});
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
    CHECK(indices(base.relation(1).lookup(0, Value::entity(11))) == std::vector<uint32_t>{0});
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
    base.adoptDistinct(1, {fact(1, 30, 30)}); // a relation with facts: appended
    CHECK(base.size(1) == 4);
    CHECK(base.contains(fact(1, 11, 21)));
    CHECK(base.contains(fact(1, 30, 30)));
}

TEST_CASE("many facts are each found once, with and without reserve", "[fact_base]") {
    for (bool reserved : {false, true}) {
        eval::FactBase base;
        if (reserved) base.reserve(1, 20000);
        for (EntityId a = 0; a < 20000; ++a)
            REQUIRE(base.add(fact(1, a, a % 7)));
        for (EntityId a = 0; a < 20000; ++a) {
            REQUIRE(base.contains(fact(1, a, a % 7)));
            REQUIRE_FALSE(base.contains(fact(1, a, a % 7 + 1)));
            REQUIRE_FALSE(base.add(fact(1, a, a % 7)));
        }
        CHECK(base.size(1) == 20000);
    }
}

TEST_CASE("facts whose hashes share the slot's bits are told apart", "[fact_base]") {
    // Among 2^18 facts, some pairs agree in the low 32 bits of their hash (about 8 expected).
    std::vector<std::pair<uint32_t, EntityId>> byBits;
    for (EntityId a = 0; a < (1 << 18); ++a)
        byBits.push_back({static_cast<uint32_t>(eval::identityHash(fact(1, a, 5))), a});
    std::sort(byBits.begin(), byBits.end());
    std::vector<EntityId> pair;
    for (size_t i = 1; i < byBits.size() && pair.empty(); ++i)
        if (byBits[i].first == byBits[i - 1].first) pair = {byBits[i - 1].second, byBits[i].second};
    REQUIRE(pair.size() == 2);
    eval::FactBase base;
    CHECK(base.add(fact(1, pair[0], 5)));
    CHECK(base.contains(fact(1, pair[0], 5)));
    CHECK_FALSE(base.contains(fact(1, pair[1], 5)));
    CHECK(base.add(fact(1, pair[1], 5)));
    CHECK_FALSE(base.add(fact(1, pair[0], 5)));
    CHECK(base.remove(fact(1, pair[0], 5)));
    CHECK_FALSE(base.contains(fact(1, pair[0], 5)));
    CHECK(base.contains(fact(1, pair[1], 5)));
}

TEST_CASE("facts added as distinct are found by later adds and removes", "[fact_base]") {
    eval::FactBase base;
    for (EntityId a = 0; a < 1000; ++a)
        base.addDistinct(fact(1, a, 1));
    CHECK_FALSE(base.add(fact(1, 500, 1)));
    CHECK(base.add(fact(1, 500, 2)));
    CHECK(base.remove(fact(1, 0, 1)));
    CHECK_FALSE(base.contains(fact(1, 0, 1)));
    for (EntityId a = 1; a < 1000; ++a)
        REQUIRE(base.contains(fact(1, a, 1)));
    CHECK(base.size(1) == 1000);
}
