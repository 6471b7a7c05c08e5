// Binding facts: names (aliases, case), arity, column types with subtypes, qualifiers, dates
// and intervals, sources and statuses. Every error kind, with its did-you-mean, is a golden
// record (tests/golden/errors/bind_facts.test).
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

struct BoundFact {
    schema::Catalog catalog = chipCatalog();
    schema::Fact fact;
};

BoundFact bindFact(const std::string& text) {
    BoundFact out;
    bind::BindResult r = bindText(text, out.catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 1);
    REQUIRE(std::holds_alternative<bind::AddFact>(r.statements[0].node));
    out.fact = std::get<bind::AddFact>(r.statements[0].node).fact;
    return out;
}

EntityId id(const schema::Catalog& catalog, const char* name) {
    return catalog.findEntity(name)->id;
}

DayNumber day(int y, int m, int d) {
    return daysFromCivil(y, m, d);
}

} // namespace

// ---- successful facts --------------------------------------------------------------------

TEST_CASE("an infix fact binds names to ids with defaults", "[bind][fact]") {
    BoundFact b = bindFact("Broadcom designs \"TPU v7\".");
    const schema::Catalog& c = b.catalog;
    CHECK(b.fact.relation == c.findRelation("designs")->id);
    REQUIRE(b.fact.args.size() == 2);
    CHECK(b.fact.args[0] == Value::entity(id(c, "Broadcom")));
    CHECK(b.fact.args[1] == Value::entity(id(c, "TPU v7")));
    CHECK(b.fact.qualifiers.size() == 1);
    CHECK_FALSE(b.fact.qualifiers[0]);
    CHECK(b.fact.valid.isAlways());
    CHECK(b.fact.source == kNoId);
    CHECK(b.fact.status == schema::FactStatus::Actual);
}

TEST_CASE("infix and prefix forms bind to the same fact", "[bind][fact]") {
    CHECK(bindFact("Broadcom designs Trainium3 in 2026 per seed2025 expected.").fact.key() ==
          bindFact("designs(Broadcom, Trainium3) in 2026 per seed2025 expected.").fact.key());
}

TEST_CASE("aliases and any letter case resolve to the entity", "[bind][fact]") {
    BoundFact alias = bindFact("博通 designs Ironwood.");
    BoundFact canonical = bindFact("BROADCOM DESIGNS \"tpu v7\".");
    CHECK(alias.fact.key() == canonical.fact.key());
    CHECK(bindFact("谷歌 develops Trainium3.").fact.args[0] ==
          Value::entity(id(alias.catalog, "Google")));
}

TEST_CASE("source, status and qualifiers are bound", "[bind][fact]") {
    BoundFact b =
        bindFact("Alphawave designs Trainium3 per seed2025 rumored { ROLE: \"primary\" }.");
    CHECK(b.fact.source == b.catalog.findSource("seed2025")->id);
    CHECK(b.fact.status == schema::FactStatus::Rumored);
    REQUIRE(b.fact.qualifiers.size() == 1);
    CHECK(b.fact.qualifiers[0] == std::optional<Value>(Value::text("primary")));
    CHECK(bindFact("Alchip designs Trainium3 Forecast.").fact.status ==
          schema::FactStatus::Forecast);
}

TEST_CASE("numbers keep their kind and bounds", "[bind][fact]") {
    CHECK(bindFact("shipments(Google, >3000000).").fact.args[1] ==
          Value::number(Number::greater(3000000)));
    CHECK(bindFact("shipments(Google, ~2_000_000).").fact.args[1] ==
          Value::number(Number::approx(2000000)));
    CHECK(bindFact("shipments(Amazon, 10000..50000).").fact.args[1] ==
          Value::number(Number::range(10000, 50000)));
    CHECK(bindFact("shipments(Amazon, <50000).").fact.args[1] ==
          Value::number(Number::less(50000)));
    BoundFact spec = bindFact("spec(Trainium3, \"HBM bandwidth\", 4.9, \"TB/s\").");
    CHECK(spec.fact.args[1] == Value::text("HBM bandwidth"));
    CHECK(spec.fact.args[2] == Value::number(Number::exact(4.9)));
    CHECK(spec.fact.args[3] == Value::text("TB/s"));
}

TEST_CASE("a bare name in a text column is text", "[bind][fact]") {
    CHECK(bindFact("spec(Trainium3, bandwidth, 4.9, tbps).").fact.args[1] ==
          Value::text("bandwidth"));
}

TEST_CASE("a subtype is accepted where its parent is expected", "[bind][fact]") {
    BoundFact b = bindFact("customer_of(Google, Broadcom).");
    CHECK(b.fact.args[0] == Value::entity(id(b.catalog, "Google")));
    CHECK(b.fact.args[1] == Value::entity(id(b.catalog, "Broadcom")));
}

// ---- validity ----------------------------------------------------------------------------

TEST_CASE("every validity form becomes a half-open day interval", "[bind][fact]") {
    CHECK(bindFact("in_service(Trainium3) in 2026.").fact.valid ==
          Interval{day(2026, 1, 1), day(2027, 1, 1)});
    CHECK(bindFact("in_service(Trainium3) in 2H2026.").fact.valid ==
          Interval{day(2026, 7, 1), day(2027, 1, 1)});
    CHECK(bindFact("in_service(Trainium3) during 2023..2025.").fact.valid ==
          Interval{day(2023, 1, 1), day(2026, 1, 1)});
    CHECK(bindFact("in_service(Trainium3) from 2025-Q3.").fact.valid ==
          Interval{day(2025, 7, 1), kMaxDay});
    CHECK(bindFact("in_service(Trainium3) until 2025-06.").fact.valid ==
          Interval{kMinDay, day(2025, 7, 1)});
}

TEST_CASE("2025Q3 and 2025-Q3 bind to the same fact", "[bind][fact]") {
    CHECK(bindFact("in_service(Trainium3) in 2025Q3.").fact.key() ==
          bindFact("in_service(Trainium3) in 2025-Q3.").fact.key());
}

// Other years: tests/golden/errors/bind_facts.test.
TEST_CASE("February 29 binds in leap years", "[bind][fact]") {
    CHECK(bindFact("in_service(Trainium3) in 2024-02-29.").fact.valid ==
          Interval{day(2024, 2, 29), day(2024, 3, 1)});
    CHECK(bindFact("in_service(Trainium3) in 2000-02-29.").fact.valid.from == day(2000, 2, 29));
}

TEST_CASE("an interval may end in the period it starts in", "[bind][fact]") {
    CHECK(bindFact("in_service(Trainium3) during 2025-06..2025.").fact.valid ==
          Interval{day(2025, 6, 1), day(2026, 1, 1)});
    CHECK(bindFact("in_service(Trainium3) during 2025..2025-06.").fact.valid ==
          Interval{day(2025, 1, 1), day(2025, 7, 1)});
    CHECK(bindFact("in_service(Trainium3) during 2025-06-17..2025-06-17.").fact.valid ==
          Interval{day(2025, 6, 17), day(2025, 6, 18)});
}

// ---- retract -----------------------------------------------------------------------------

TEST_CASE("retract binds a pattern that matches only the clauses given", "[bind][fact]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("retract Broadcom designs Trainium3 per seed2025.\n"
                                  "retract Broadcom designs Trainium3 in 2026 rumored.\n",
                                  catalog);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 2);
    const auto& bySource = std::get<bind::RetractFact>(r.statements[0].node);
    CHECK(bySource.matchSource);
    CHECK_FALSE(bySource.matchValidity);
    CHECK_FALSE(bySource.matchStatus);
    CHECK(bySource.pattern.source == catalog.findSource("seed2025")->id);
    const auto& byTime = std::get<bind::RetractFact>(r.statements[1].node);
    CHECK(byTime.matchValidity);
    CHECK(byTime.matchStatus);
    CHECK_FALSE(byTime.matchSource);
    CHECK(byTime.pattern.status == schema::FactStatus::Rumored);
}
