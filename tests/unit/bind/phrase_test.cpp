// Phrase questions (`who R X?`, `what does X R?`, `which Ts does X R?`, ... the forms of
// src/bind/phrase_forms.cpp) desugar into one-atom conjunctive queries.
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

struct BoundPhrase {
    schema::Catalog catalog = chipCatalog();
    bind::BoundQuery query;
};

BoundPhrase bindPhrase(const std::string& text) {
    BoundPhrase out;
    bind::BindResult r = bindText(text, out.catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 1);
    out.query = std::get<bind::RunQuery>(r.statements[0].node).query;
    REQUIRE(out.query.atoms.size() == 1);
    return out;
}

Diagnostic onlyError(const std::string& text) {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText(text, catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    CHECK(r.statements.empty());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics[0];
}

} // namespace

TEST_CASE("who R X? asks for the first column", "[bind][phrase]") {
    BoundPhrase b = bindPhrase("who designs Trainium3?");
    const bind::BoundAtom& atom = b.query.atoms[0];
    CHECK(atom.relation == b.catalog.findRelation("designs")->id);
    REQUIRE(b.query.variables.size() == 1);
    CHECK(b.query.variables[0].name == "firm");
    CHECK(atom.args[0].kind == bind::BoundTerm::Kind::Variable);
    CHECK(atom.args[0].variable == 0);
    CHECK(atom.args[1].kind == bind::BoundTerm::Kind::Constant);
    CHECK(atom.args[1].value == Value::entity(b.catalog.findEntity("Trainium3")->id));
}

TEST_CASE("what does X R? asks for the second column, verb inflected", "[bind][phrase]") {
    BoundPhrase b = bindPhrase("what does Broadcom design?");
    CHECK(b.query.atoms[0].relation == b.catalog.findRelation("designs")->id);
    REQUIRE(b.query.variables.size() == 1);
    CHECK(b.query.variables[0].name == "chip");
    CHECK(b.query.atoms[0].args[0].value == Value::entity(b.catalog.findEntity("Broadcom")->id));
    CHECK(b.query.atoms[0].args[1].variable == 0);
}

TEST_CASE("which Ts does X R? restricts the answer to the type", "[bind][phrase]") {
    BoundPhrase b = bindPhrase("which chips does Amazon develop?");
    CHECK(b.query.atoms[0].relation == b.catalog.findRelation("develops")->id);
    REQUIRE(b.query.variables.size() == 1);
    CHECK(b.query.variables[0].name == "chip");
    CHECK(b.query.variables[0].requiredType == b.catalog.findType("Chip")->id);
}

TEST_CASE("which accepts a subtype or a supertype of the asked column", "[bind][phrase]") {
    BoundPhrase sub = bindPhrase("which vendors does Broadcom customer_of?");
    CHECK(sub.query.variables[0].requiredType == sub.catalog.findType("Vendor")->id);
    BoundPhrase super = bindPhrase("which companies does Google customer_of?");
    CHECK(super.query.variables[0].requiredType == super.catalog.findType("Company")->id);
}

TEST_CASE("the subject may be an alias or a quoted name", "[bind][phrase]") {
    BoundPhrase alias = bindPhrase("who designs Ironwood?");
    CHECK(alias.query.atoms[0].args[1].value ==
          Value::entity(alias.catalog.findEntity("TPU v7")->id));
    BoundPhrase chinese = bindPhrase("what does 博通 design?");
    CHECK(chinese.query.atoms[0].args[0].value ==
          Value::entity(chinese.catalog.findEntity("Broadcom")->id));
}

TEST_CASE("phrase questions take modifiers", "[bind][phrase]") {
    BoundPhrase b = bindPhrase("who designs Trainium3 as of 2026 known at 2025-06-30 limit 1?");
    REQUIRE(b.query.window);
    CHECK(b.query.window->from == daysFromCivil(2026, 1, 1));
    CHECK(b.query.knownAt == std::optional<DayNumber>(daysFromCivil(2025, 6, 30)));
    CHECK(b.query.limit == std::optional<int64_t>(1));
    BoundPhrase ordered = bindPhrase("what does Broadcom design order by chip desc?");
    REQUIRE(ordered.query.orderBy.size() == 1);
    CHECK(ordered.query.orderBy[0].column == 0);
}

TEST_CASE("verbs inflect both ways: supply resolves supplies", "[bind][phrase]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("relation supplies(firm: DesignFirm, chip: Chip).\n"
                                  "what does Broadcom supply?\n",
                                  catalog);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 2);
    const auto& q = std::get<bind::RunQuery>(r.statements[1].node).query;
    CHECK(q.atoms[0].relation == catalog.findRelation("supplies")->id);
}

// ---- errors ------------------------------------------------------------------------------

TEST_CASE("an unknown verb suggests a relation", "[bind][phrase][error]") {
    Diagnostic d = onlyError("who desings Trainium3?");
    CHECK(d.message == "unknown relation 'desings'");
    CHECK(d.hint == "did you mean 'designs'?");
    CHECK(positionOf(d) == "1:5");
    CHECK(onlyError("who manufactures Trainium3?").hint == "");
}

TEST_CASE("a phrase question needs a two-column relation", "[bind][phrase][error]") {
    Diagnostic d = onlyError("what does Trainium3 spec?");
    CHECK(d.message == "'spec' has 4 columns; this phrase question needs a relation with two");
    CHECK(d.hint == "ask with a query instead: ? spec(Trainium3, Metric, Value, Unit).");
    CHECK_THAT(onlyError("who in_service Trainium3?").message,
               Catch::Matchers::StartsWith("'in_service' has 1 column"));
}

TEST_CASE("an unknown subject is an unknown entity, never a variable", "[bind][phrase][error]") {
    Diagnostic d = onlyError("what does Rivos design?");
    CHECK(d.message == "unknown entity 'Rivos'");
    CHECK(positionOf(d) == "1:11");
    CHECK(onlyError("who designs Tranium3?").hint == "did you mean 'Trainium3'?");
}

TEST_CASE("a subject of the wrong type is a type mismatch", "[bind][phrase][error]") {
    Diagnostic d = onlyError("what does Google design?");
    CHECK(d.message == "type mismatch: 'Google' is a Vendor, but column 'firm' of 'designs' "
                       "expects a DesignFirm");
}

TEST_CASE("an unknown type word suggests the plural of a type", "[bind][phrase][error]") {
    Diagnostic d = onlyError("which chipz does Amazon develop?");
    CHECK(d.message == "unknown type 'chipz'");
    CHECK(d.hint == "did you mean 'chips'?");
    CHECK(positionOf(d) == "1:7");
}

TEST_CASE("a type word unrelated to the asked column is an error", "[bind][phrase][error]") {
    Diagnostic d = onlyError("which companies does Amazon develop?");
    CHECK(d.message == "a Company cannot be the 'chip' of 'develops'");
    CHECK(d.hint == "'chip' is a Chip");
    CHECK(positionOf(d) == "1:7");
}

// A phrase's words are names to read (`Maia 200`), so a number alone is an unknown name.
TEST_CASE("a number as the subject is an unknown entity", "[bind][phrase][error]") {
    Diagnostic d = onlyError("who designs 5?");
    CHECK(d.message == "unknown entity '5'");
    CHECK(positionOf(d) == "1:13");
}

TEST_CASE("a question's modifiers are checked like a query's", "[bind][phrase][error]") {
    CHECK(onlyError("who designs Trainium3 as of 2025-13?").message ==
          "invalid date '2025-13': month 13 is out of range (1-12)");
    Diagnostic order = onlyError("who designs Trainium3 order by chip?");
    CHECK(order.message == "cannot order by 'chip': it is not a column of the result");
    CHECK(onlyError("what does Broadcom design during 2026..2025?").message ==
          "the interval ends before it starts");
}
