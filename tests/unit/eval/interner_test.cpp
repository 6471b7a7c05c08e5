// The interner: dense ids in order of first sight, one id per distinct value across growth,
// values of different kinds kept apart, and find() never adding.
#include "eval/interner.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using eval::Interner;

TEST_CASE("interning gives dense ids, one per distinct value", "[eval][interner]") {
    Interner interner;
    CHECK(interner.find(Value::entity(1)) == eval::kNoValue);
    CHECK(interner.intern(Value::entity(1)) == 0);
    CHECK(interner.intern(Value::text("1")) == 1);
    CHECK(interner.intern(Value::number(Number::exact(1))) == 2);
    CHECK(interner.intern(Value::number(Number::approx(1))) == 3);
    CHECK(interner.intern(Value::entity(1)) == 0);
    CHECK(interner.find(Value::text("1")) == 1);
    CHECK(interner.find(Value::text("2")) == eval::kNoValue);
    CHECK(interner.size() == 4);
    CHECK(interner.value(3) == Value::number(Number::approx(1)));
}

TEST_CASE("ids survive the table growing", "[eval][interner]") {
    Interner interner;
    constexpr int kCount = 50'000;
    for (int i = 0; i < kCount; ++i) {
        REQUIRE(interner.intern(Value::entity(i)) == static_cast<eval::ValueId>(2 * i));
        REQUIRE(interner.intern(Value::number(Number::exact(i))) ==
                static_cast<eval::ValueId>(2 * i + 1));
    }
    CHECK(interner.size() == 2 * kCount);
    for (int i = 0; i < kCount; i += 97) {
        CHECK(interner.find(Value::entity(i)) == static_cast<eval::ValueId>(2 * i));
        CHECK(interner.intern(Value::number(Number::exact(i))) ==
              static_cast<eval::ValueId>(2 * i + 1));
        CHECK(interner.value(2 * i) == Value::entity(i));
    }
    CHECK(interner.find(Value::entity(kCount)) == eval::kNoValue);
    CHECK(interner.size() == 2 * kCount);
}
