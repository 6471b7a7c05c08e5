#include "schema/fact.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using schema::FactStatus;

namespace {

schema::Fact designs(EntityId firm, EntityId chip) {
    schema::Fact f;
    f.relation = 1;
    f.args = {Value::entity(firm), Value::entity(chip)};
    f.qualifiers = {std::nullopt};
    return f;
}

} // namespace

TEST_CASE("status names round-trip and are case-insensitive", "[fact]") {
    CHECK(std::string(schema::statusName(FactStatus::Actual)) == "actual");
    CHECK(std::string(schema::statusName(FactStatus::View)) == "view");
    for (const std::string& name : schema::statusNames()) {
        auto status = schema::parseStatus(name);
        REQUIRE(status);
        CHECK(schema::statusName(*status) == name);
    }
    CHECK(schema::parseStatus("FORECAST") == std::optional<FactStatus>(FactStatus::Forecast));
    CHECK(schema::statusNames() == std::vector<std::string>{"actual", "reported", "expected",
                                                            "forecast", "rumored", "view"});
}

TEST_CASE("unknown status words are rejected", "[fact][error]") {
    CHECK_FALSE(schema::parseStatus("rumoured"));
    CHECK_FALSE(schema::parseStatus(""));
    CHECK_FALSE(schema::parseStatus("actually"));
    CHECK_FALSE(schema::parseStatus(" actual"));
    CHECK_FALSE(schema::parseStatus("actual "));
}

TEST_CASE("weakest picks the weaker status", "[fact]") {
    CHECK(schema::weakest(FactStatus::Actual, FactStatus::Rumored) == FactStatus::Rumored);
    CHECK(schema::weakest(FactStatus::View, FactStatus::Reported) == FactStatus::View);
    CHECK(schema::weakest(FactStatus::Expected, FactStatus::Expected) == FactStatus::Expected);
}

TEST_CASE("equal facts have equal keys", "[fact]") {
    CHECK(designs(1, 2).key() == designs(1, 2).key());
}

TEST_CASE("every part of a fact is part of its key", "[fact]") {
    const std::string base = designs(1, 2).key();
    schema::Fact f = designs(2, 1);
    CHECK(f.key() != base);
    f = designs(1, 2);
    f.relation = 2;
    CHECK(f.key() != base);
    f = designs(1, 2);
    f.qualifiers[0] = Value::text("primary");
    CHECK(f.key() != base);
    f = designs(1, 2);
    f.valid = Interval{0, 365};
    CHECK(f.key() != base);
    f = designs(1, 2);
    f.source = 3;
    CHECK(f.key() != base);
    f = designs(1, 2);
    f.status = FactStatus::Rumored;
    CHECK(f.key() != base);
}

TEST_CASE("an empty qualifier differs from an empty text qualifier", "[fact]") {
    schema::Fact absent = designs(1, 2);
    schema::Fact empty = designs(1, 2);
    empty.qualifiers[0] = Value::text("");
    CHECK(absent.key() != empty.key());
}

TEST_CASE("argument boundaries are part of the key", "[fact]") {
    schema::Fact a;
    a.relation = 1;
    a.args = {Value::text("ab"), Value::text("c")};
    schema::Fact b = a;
    b.args = {Value::text("a"), Value::text("bc")};
    CHECK(a.key() != b.key());
}

TEST_CASE("numbers of different kinds make different facts", "[fact]") {
    schema::Fact exact;
    exact.relation = 1;
    exact.args = {Value::entity(1), Value::number(Number::exact(3000000))};
    schema::Fact greater = exact;
    greater.args[1] = Value::number(Number::greater(3000000));
    CHECK(exact.key() != greater.key());
}
