#include "common/value.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace chipgraph;

TEST_CASE("formatNumber writes integers without a fraction", "[value]") {
    CHECK(formatNumber(0) == "0");
    CHECK(formatNumber(4614) == "4614");
    CHECK(formatNumber(-3) == "-3");
    CHECK(formatNumber(2000000) == "2000000");
    CHECK(formatNumber(980000000000000) == "980000000000000");
}

TEST_CASE("formatNumber writes fractions with the fewest exact decimals", "[value]") {
    CHECK(formatNumber(4.9) == "4.9");
    CHECK(formatNumber(2.52) == "2.52");
    CHECK(formatNumber(-0.5) == "-0.5");
    CHECK(formatNumber(0.1) == "0.1");
    CHECK(formatNumber(123456.789) == "123456.789");
}

TEST_CASE("formatNumber never uses an exponent, which the language cannot read", "[value]") {
    CHECK(formatNumber(1e15) == "1000000000000000");
    CHECK(formatNumber(1e18) == "1000000000000000000");
    CHECK(formatNumber(0.00001) == "0.00001");
    CHECK(formatNumber(-0.00025) == "-0.00025");
}

TEST_CASE("formatNumber keeps digits that tell numbers apart", "[value]") {
    // The text is part of a fact's key: two different numbers must not print the same.
    CHECK(formatNumber(1.00000000001) == "1.00000000001");
    CHECK(formatNumber(1.00000000001) != formatNumber(1.00000000002));
    CHECK(formatNumber(0.1 + 0.2) != formatNumber(0.3));
    CHECK(std::strtod(formatNumber(0.1 + 0.2).c_str(), nullptr) == 0.1 + 0.2);
}

TEST_CASE("formatNumber prints what %.0f printed for large integers and -0", "[value]") {
    // Fact keys stored by earlier versions hold these texts: they must not change.
    CHECK(formatNumber(1152921504606846976.0) == "1152921504606846976"); // 2^60, all digits
    CHECK(formatNumber(-9007199254740993.0) == "-9007199254740992");
    CHECK(formatNumber(1e20) == "100000000000000000000");
    CHECK(formatNumber(-0.0) == "-0");
    CHECK(formatNumber(5e-324) == std::string("0.") + std::string(323, '0') + "5");
}

TEST_CASE("formatNumber names infinities", "[value]") {
    CHECK(formatNumber(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(formatNumber(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("Number::toString uses source syntax for every kind", "[value]") {
    CHECK(Number::exact(4614).toString() == "4614");
    CHECK(Number::approx(2000000).toString() == "~2000000");
    CHECK(Number::greater(3000000).toString() == ">3000000");
    CHECK(Number::less(50000).toString() == "<50000");
    CHECK(Number::range(10000, 50000).toString() == "10000..50000");
    CHECK(Number::range(-5, -3).toString() == "-5..-3");
    CHECK(Number::approx(4.9).toString() == "~4.9");
}

TEST_CASE("Number bounds are open towards infinity", "[value]") {
    Number g = Number::greater(3000000);
    CHECK(g.lo == 3000000);
    CHECK(std::isinf(g.hi));
    CHECK(g.hi > 0);
    Number l = Number::less(50000);
    CHECK(std::isinf(l.lo));
    CHECK(l.lo < 0);
    CHECK(l.hi == 50000);
    CHECK(Number::exact(7).lo == Number::exact(7).hi);
}

TEST_CASE("Number::sortKey picks the bound or the midpoint", "[value]") {
    CHECK(Number::exact(4614).sortKey() == 4614);
    CHECK(Number::approx(2000000).sortKey() == 2000000);
    CHECK(Number::greater(3000000).sortKey() == 3000000);
    CHECK(Number::less(50000).sortKey() == 50000);
    CHECK(Number::range(10000, 50000).sortKey() == 30000);
}

TEST_CASE("Numbers of different kinds are different", "[value]") {
    CHECK(Number::exact(5) == Number::exact(5));
    CHECK_FALSE(Number::exact(5) == Number::approx(5));
    CHECK_FALSE(Number::greater(5) == Number::exact(5));
    CHECK_FALSE(Number::range(1, 2) == Number::range(1, 3));
}

TEST_CASE("Value kinds and accessors", "[value]") {
    Value e = Value::entity(42);
    Value t = Value::text("primary");
    Value n = Value::number(Number::approx(2000000));
    CHECK(e.kind() == Value::Kind::Entity);
    CHECK(e.isEntity());
    CHECK(e.entityId() == 42);
    CHECK(t.isText());
    CHECK(t.textValue() == "primary");
    CHECK(n.isNumber());
    CHECK(n.numberValue() == Number::approx(2000000));
    CHECK(Value().isEntity());
    CHECK(Value().entityId() == kNoId);
}

TEST_CASE("Value equality compares kind and content", "[value]") {
    CHECK(Value::entity(1) == Value::entity(1));
    CHECK_FALSE(Value::entity(1) == Value::entity(2));
    CHECK(Value::text("a") == Value::text("a"));
    CHECK_FALSE(Value::text("a") == Value::text("A"));
    CHECK_FALSE(Value::text("1") == Value::number(Number::exact(1)));
    CHECK_FALSE(Value::entity(1) == Value::number(Number::exact(1)));
}

TEST_CASE("Value::key is canonical and distinguishes kinds", "[value]") {
    CHECK(Value::entity(5).key() == "e5");
    CHECK(Value::text("primary").key() == "tprimary");
    CHECK(Value::number(Number::greater(3000000)).key() == "n>3000000");
    CHECK(Value::number(Number::range(1, 2)).key() == "n1..2");
    CHECK(Value::text("1").key() != Value::number(Number::exact(1)).key());
    CHECK(Value::entity(1).key() != Value::number(Number::exact(1)).key());
}

TEST_CASE("equal Values hash equally", "[value]") {
    ValueHash hash;
    CHECK(hash(Value::entity(7)) == hash(Value::entity(7)));
    CHECK(hash(Value::text("x")) == hash(Value::text("x")));
    CHECK(hash(Value::number(Number::range(1, 2))) == hash(Value::number(Number::range(1, 2))));
    // Different kinds with the same payload should not collide by construction.
    CHECK(hash(Value::number(Number::exact(3))) != hash(Value::number(Number::approx(3))));
    // -0 equals 0, so it must hash alike; a range is not its bounds swapped.
    REQUIRE(Value::number(Number::exact(-0.0)) == Value::number(Number::exact(0)));
    CHECK(hash(Value::number(Number::exact(-0.0))) == hash(Value::number(Number::exact(0))));
    CHECK(hash(Value::number(Number::range(1, 2))) != hash(Value::number(Number::range(2, 1))));
    CHECK(hash(Value::number(Number::exact(1))) != hash(Value::number(Number::exact(2))));
}

// ---- arithmetic carries the analyst's precision -------------------------------------------

TEST_CASE("adding numbers combines their bounds", "[value][arithmetic]") {
    CHECK(addNumbers(Number::exact(1), Number::exact(2)) == Number::exact(3));
    CHECK(addNumbers(Number::greater(3000000), Number::exact(1000000)) == Number::greater(4000000));
    CHECK(addNumbers(Number::exact(1), Number::approx(2)) == Number::approx(3));
    CHECK(addNumbers(Number::range(1, 2), Number::range(10, 20)) == Number::range(11, 22));
    CHECK(addNumbers(Number::less(5), Number::exact(1)) == Number::less(6));
}

TEST_CASE("subtracting swaps the bounds of the right side", "[value][arithmetic]") {
    CHECK(subtractNumbers(Number::range(10, 20), Number::exact(5)) == Number::range(5, 15));
    CHECK(subtractNumbers(Number::exact(10), Number::greater(3)) == Number::less(7));
    CHECK(subtractNumbers(Number::exact(10), Number::exact(4)) == Number::exact(6));
}

TEST_CASE("multiplying by a negative number flips the bounds", "[value][arithmetic]") {
    CHECK(multiplyNumbers(Number::exact(-1), Number::range(10, 20)) == Number::range(-20, -10));
    CHECK(multiplyNumbers(Number::greater(5), Number::exact(2)) == Number::greater(10));
    CHECK(multiplyNumbers(Number::greater(5), Number::exact(-2)) == Number::less(-10));
    CHECK(multiplyNumbers(Number::approx(2), Number::approx(3)) == Number::approx(6));
}

TEST_CASE("bounds that meet give a point, not a one-value range", "[value][arithmetic]") {
    CHECK(minNumbers(Number::greater(5), Number::exact(3)) == Number::exact(3));
    CHECK(maxNumbers(Number::less(2), Number::exact(3)) == Number::exact(3));
    CHECK(multiplyNumbers(Number::exact(0), Number::greater(5)) == Number::exact(0));
    CHECK(minNumbers(Number::approx(3), Number::greater(5)) == Number::approx(3));
    CHECK(minNumbers(Number::greater(5), Number::exact(3)).toString() == "3");
}

TEST_CASE("min and max keep the bound that can still win", "[value][arithmetic]") {
    CHECK(maxNumbers(Number::greater(5), Number::exact(3)) == Number::greater(5));
    CHECK(maxNumbers(Number::approx(5), Number::exact(3)) == Number::approx(5));
    CHECK(minNumbers(Number::range(1, 10), Number::range(5, 6)) == Number::range(1, 6));
}

TEST_CASE("division divides by the reciprocal range", "[value][arithmetic]") {
    CHECK(divideNumbers(Number::exact(10), Number::exact(4)) ==
          std::optional<Number>(Number::exact(2.5)));
    CHECK(divideNumbers(Number::range(10, 20), Number::range(2, 5)) ==
          std::optional<Number>(Number::range(2, 10)));
}

TEST_CASE("division by a number that may be zero has no result", "[value][arithmetic][error]") {
    CHECK_FALSE(divideNumbers(Number::exact(10), Number::exact(0)));
    CHECK_FALSE(divideNumbers(Number::exact(10), Number::range(-1, 1)));
    CHECK_FALSE(divideNumbers(Number::exact(10), Number::less(5)));
    CHECK_FALSE(divideNumbers(Number::exact(10), Number::greater(-5)));
}
