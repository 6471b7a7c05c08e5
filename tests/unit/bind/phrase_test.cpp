// Phrase questions (`who R X?`, `what does X R?`, `which Ts does X R?`) desugar into one-atom
// conjunctive queries over a two-column relation. The errors are golden records
// (tests/golden/errors/bind_phrases.test).
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
