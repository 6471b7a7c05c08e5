// Binding facts: names (aliases, case), arity, column types with subtypes, qualifiers, dates
// and intervals, sources and statuses. Every error kind, with its did-you-mean.
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

std::vector<Diagnostic> errorsOf(const std::string& text) {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText(text, catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    CHECK(r.statements.empty());
    return r.diagnostics;
}

Diagnostic onlyError(const std::string& text) {
    std::vector<Diagnostic> errors = errorsOf(text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].severity == Severity::Error);
    CHECK(errors[0].phase == Phase::Bind);
    return errors[0];
}

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

TEST_CASE("February 29 binds only in leap years", "[bind][fact][error]") {
    CHECK(bindFact("in_service(Trainium3) in 2024-02-29.").fact.valid ==
          Interval{day(2024, 2, 29), day(2024, 3, 1)});
    CHECK(bindFact("in_service(Trainium3) in 2000-02-29.").fact.valid.from == day(2000, 2, 29));
    Diagnostic d = onlyError("in_service(Trainium3) in 2025-02-29.");
    CHECK(d.message == "invalid date '2025-02-29': day 29 is out of range for 2025-02 (1-28)");
    CHECK(onlyError("in_service(Trainium3) in 1900-02-29.").message ==
          "invalid date '1900-02-29': day 29 is out of range for 1900-02 (1-28)");
}

TEST_CASE("an out-of-range month or day is an error at the date", "[bind][fact][error]") {
    Diagnostic month = onlyError("in_service(Trainium3) in 2025-13.");
    CHECK(month.message == "invalid date '2025-13': month 13 is out of range (1-12)");
    CHECK(positionOf(month) == "1:26");
    CHECK(month.span.endColumn == 33);
    Diagnostic dayError = onlyError("in_service(Trainium3) in 2025-02-30.");
    CHECK(dayError.message ==
          "invalid date '2025-02-30': day 30 is out of range for 2025-02 (1-28)");
    CHECK(onlyError("in_service(Trainium3) in 2025-Q5.").message ==
          "invalid date '2025-Q5': quarter 5 is out of range (1-4)");
    CHECK(onlyError("in_service(Trainium3) in 3H2025.").message ==
          "invalid date '3H2025': half 3 is out of range (1-2)");
}

TEST_CASE("either date of a during can be invalid", "[bind][fact][error]") {
    Diagnostic d = onlyError("in_service(Trainium3) during 2025-01..2025-13.");
    CHECK(d.message == "invalid date '2025-13': month 13 is out of range (1-12)");
    CHECK(positionOf(d) == "1:39");
}

TEST_CASE("an interval ending before it starts is an error", "[bind][fact][error]") {
    Diagnostic d = onlyError("in_service(Trainium3) during 2026..2025.");
    CHECK(d.message == "the interval ends before it starts");
    CHECK(d.hint == "write the earlier date first: 2025..2026");
    CHECK(positionOf(d) == "1:23");
    CHECK(onlyError("in_service(Trainium3) during 2025-07..2025-H1.").hint ==
          "write the earlier date first: 2025-H1..2025-07");
}

TEST_CASE("an interval may end in the period it starts in", "[bind][fact]") {
    CHECK(bindFact("in_service(Trainium3) during 2025-06..2025.").fact.valid ==
          Interval{day(2025, 6, 1), day(2026, 1, 1)});
    CHECK(bindFact("in_service(Trainium3) during 2025..2025-06.").fact.valid ==
          Interval{day(2025, 1, 1), day(2025, 7, 1)});
    CHECK(bindFact("in_service(Trainium3) during 2025-06-17..2025-06-17.").fact.valid ==
          Interval{day(2025, 6, 17), day(2025, 6, 18)});
}

// ---- name errors -------------------------------------------------------------------------

TEST_CASE("an unknown relation suggests the closest one", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom desings Trainium3.");
    CHECK(d.message == "unknown relation 'desings'");
    CHECK(d.hint == "did you mean 'designs'?");
    CHECK(positionOf(d) == "1:10");
    CHECK(d.span.endColumn == 17);
}

TEST_CASE("an unknown relation with no close name says how to declare it", "[bind][fact][error]") {
    Diagnostic d = onlyError("fabricates(Trainium3, TSMC).");
    CHECK(d.message == "unknown relation 'fabricates'");
    CHECK(d.hint == "declare it first: relation fabricates(...).");
}

TEST_CASE("an unknown entity suggests the closest name or alias", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs Tranium3.");
    CHECK(d.message == "unknown entity 'Tranium3'");
    CHECK(d.hint == "did you mean 'Trainium3'?");
    CHECK(positionOf(d) == "1:18");
    CHECK(onlyError("Broadcom designs Ironwod.").hint == "did you mean 'Ironwood'?");
    CHECK(onlyError("谷哥 develops Trainium3.").hint == "did you mean '谷歌'?");
}

TEST_CASE("an unknown entity with no close name says how to declare it", "[bind][fact][error]") {
    CHECK(onlyError("Broadcom designs Maia.").hint == "declare it first: entity Maia: <Type>.");
    CHECK(onlyError("Broadcom designs \"Maia 200\".").hint ==
          "declare it first: entity \"Maia 200\": <Type>.");
}

TEST_CASE("an unknown source suggests the closest one", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs Trainium3 per seed2052.");
    CHECK(d.message == "unknown source 'seed2052'");
    CHECK(d.hint == "did you mean 'seed2025'?");
    CHECK(positionOf(d) == "1:32");
    CHECK(onlyError("Broadcom designs Trainium3 per bloomberg.").hint == "");
}

TEST_CASE("an unknown status suggests the closest or lists them all", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs Trainium3 rumoured.");
    CHECK(d.message == "unknown status 'rumoured'");
    CHECK(d.hint == "did you mean 'rumored'?");
    CHECK(positionOf(d) == "1:28");
    CHECK(onlyError("Broadcom designs Trainium3 confirmed.").hint ==
          "a status is one of actual, reported, expected, forecast, rumored, view");
}

// ---- arity and types ---------------------------------------------------------------------

TEST_CASE("a wrong number of arguments names the relation's columns", "[bind][fact][error]") {
    Diagnostic few = onlyError("designs(Broadcom).");
    CHECK(few.message == "'designs' takes 2 arguments but 1 was given");
    CHECK(few.hint == "expected designs(firm, chip)");
    CHECK(positionOf(few) == "1:1");
    Diagnostic many = onlyError("in_service(Trainium3, \"TPU v7\").");
    CHECK(many.message == "'in_service' takes 1 argument but 2 were given");
    CHECK(many.hint == "expected in_service(chip)");
    CHECK(onlyError("spec(Trainium3, \"x\", 1, \"u\", 2).").message ==
          "'spec' takes 4 arguments but 5 were given");
}

TEST_CASE("an entity of the wrong type is a type mismatch", "[bind][fact][error]") {
    Diagnostic d = onlyError("Google designs Trainium3.");
    CHECK(d.message == "type mismatch: 'Google' is a Vendor, but column 'firm' of 'designs' "
                       "expects a DesignFirm");
    CHECK(positionOf(d) == "1:1");
    // A parent is not accepted where a subtype is expected.
    CHECK(onlyError("develops(Trainium3, Trainium3).").message ==
          "type mismatch: 'Trainium3' is a Chip, but column 'owner' of 'develops' expects a "
          "Vendor");
}

TEST_CASE("a number where an entity or text belongs is a type mismatch", "[bind][fact][error]") {
    Diagnostic entity = onlyError("designs(5, Trainium3).");
    CHECK(entity.message ==
          "type mismatch: column 'firm' of 'designs' expects a DesignFirm, not a number");
    Diagnostic text = onlyError("spec(Trainium3, 5, 1, \"x\").");
    CHECK(text.message == "type mismatch: column 'metric' of 'spec' expects text");
    CHECK(text.hint == "write it as a string: \"5\"");
}

TEST_CASE("a name where a number belongs is a type mismatch", "[bind][fact][error]") {
    Diagnostic d = onlyError("shipments(Google, \"many\").");
    CHECK(d.message == "type mismatch: column 'units' of 'shipments' expects a number");
    CHECK(d.hint == "numbers are written 4614, ~2000000, >3000000 or 10000..50000");
    CHECK(positionOf(d) == "1:19");
}

TEST_CASE("a wildcard is not a value in a fact", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs _.");
    CHECK(d.message == "'_' is only allowed in queries");
    CHECK(d.hint == "facts name every value");
}

// ---- qualifiers --------------------------------------------------------------------------

TEST_CASE("an unknown qualifier suggests the relation's qualifiers", "[bind][fact][error]") {
    Diagnostic typo = onlyError("Broadcom designs Trainium3 { rol: \"x\" }.");
    CHECK(typo.message == "'designs' has no qualifier 'rol'");
    CHECK(typo.hint == "did you mean 'role'?");
    CHECK(positionOf(typo) == "1:30");
    CHECK(onlyError("Broadcom designs Trainium3 { weight: 1 }.").hint ==
          "its qualifiers are: role");
    CHECK(onlyError("in_service(Trainium3) { note: \"x\" }.").hint ==
          "declare it: relation in_service(...) { note: text }.");
}

TEST_CASE("a qualifier given twice is an error", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs Trainium3 { role: \"a\", role: \"b\" }.");
    CHECK(d.message == "qualifier 'role' is given twice");
    CHECK(positionOf(d) == "1:41");
}

TEST_CASE("a qualifier value of the wrong kind is a type mismatch", "[bind][fact][error]") {
    Diagnostic d = onlyError("Broadcom designs Trainium3 { role: 1 }.");
    CHECK(d.message == "type mismatch: column 'role' of 'designs' expects text");
}

// ---- several errors ----------------------------------------------------------------------

TEST_CASE("every error of a fact is reported, in source order", "[bind][fact][error]") {
    std::vector<Diagnostic> errors =
        errorsOf("Broadcom designs Tranium3 in 2025-13 per seed2052 rumoured.");
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].message == "unknown entity 'Tranium3'");
    CHECK(errors[1].message == "invalid date '2025-13': month 13 is out of range (1-12)");
    CHECK(errors[2].message == "unknown source 'seed2052'");
    CHECK(errors[3].message == "unknown status 'rumoured'");
}

TEST_CASE("errors of several statements are sorted by line", "[bind][fact][error]") {
    std::vector<Diagnostic> errors = errorsOf("Google designs Trainium3.\n"
                                              "designs(Broadcom).\n"
                                              "Broadcom desings Trainium3.\n");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].span.line == 1);
    CHECK(errors[1].span.line == 2);
    CHECK(errors[2].span.line == 3);
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

TEST_CASE("retract reports the same errors as a fact", "[bind][fact][error]") {
    Diagnostic d = onlyError("retract Broadcom designs Tranium3.");
    CHECK(d.message == "unknown entity 'Tranium3'");
}

// ---- order of declarations and ranges ------------------------------------------------------

TEST_CASE("a name must be declared before the fact that uses it", "[bind][fact][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("Broadcom designs Maia.\nentity Maia: Chip.\n", catalog);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "unknown entity 'Maia'");
    CHECK(r.diagnostics[0].span.line == 1);
}

TEST_CASE("a relation must be declared before the fact that uses it", "[bind][fact][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText(
        "fabbed_on(Trainium3, N3).\nrelation fabbed_on(chip: Chip, node: text).\n", catalog);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "unknown relation 'fabbed_on'");
}

// Found by these tests: a range whose low end is above its high end is accepted as written
// (and sorts by its midpoint), though no number lies in it.
TEST_CASE("a range whose low end is above its high end is an error", "[bind][fact][bug]") {
    std::vector<Diagnostic> errors = errorsOf("shipments(Google, 50000..10000).");
    REQUIRE(errors.size() == 1);
    CHECK(positionOf(errors[0]) == "1:19");
}
