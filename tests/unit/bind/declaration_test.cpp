// Binding declarations: types, relations, entities with aliases, sources. Declaring the same
// thing twice is idempotent; declaring it differently is an error (the messages: golden records
// in tests/golden/errors/bind_declarations.test).
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

// The one error binding `text` against a fresh chip catalog must give.

// Binds text that must bind cleanly and returns its statements.
std::vector<bind::BoundStatement> bindOk(const std::string& text, schema::Catalog& catalog) {
    bind::BindResult r = bindText(text, catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    REQUIRE(r.ok());
    return std::move(r.statements);
}

} // namespace

// ---- types -------------------------------------------------------------------------------

TEST_CASE("a type declaration adds the type and emits it", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements = bindOk("type Foundry <: Company.", catalog);
    REQUIRE(statements.size() == 1);
    const auto& declared = std::get<bind::DeclareType>(statements[0].node);
    CHECK(declared.type.name == "Foundry");
    CHECK(declared.type.parent == catalog.findType("Company")->id);
    REQUIRE(catalog.findType("foundry"));
    CHECK(catalog.isSubtype(declared.type.id, catalog.findType("Company")->id));
}

TEST_CASE("declaring a type again is idempotent", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    size_t before = catalog.types().size();
    CHECK(bindOk("type Vendor <: Company. type chip.", catalog).empty());
    CHECK(catalog.types().size() == before);
}

// ---- relations ---------------------------------------------------------------------------

TEST_CASE("a relation declaration resolves column types", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements =
        bindOk("relation fabbed_on(chip: Chip, node: Text, nm: NUMBER) { note: text }.", catalog);
    REQUIRE(statements.size() == 1);
    const schema::RelationInfo& r = std::get<bind::DeclareRelation>(statements[0].node).relation;
    CHECK(r.name == "fabbed_on");
    REQUIRE(r.columns.size() == 3);
    CHECK(r.columns[0].kind == schema::ColumnKind::Entity);
    CHECK(r.columns[0].type == catalog.findType("Chip")->id);
    CHECK(r.columns[1].kind == schema::ColumnKind::Text);
    CHECK(r.columns[2].kind == schema::ColumnKind::Number);
    REQUIRE(r.qualifiers.size() == 1);
    CHECK(r.qualifiers[0].name == "note");
    CHECK(catalog.findRelation("FABBED_ON") != nullptr);
}

TEST_CASE("declaring a relation again with the same columns is idempotent", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    CHECK(
        bindOk("relation designs(FIRM: DesignFirm, chip: chip) { Role: text }.", catalog).empty());
}

// ---- entities and aliases ----------------------------------------------------------------

TEST_CASE("an entity declaration adds the entity with its aliases", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements = bindOk("entity MediaTek: DesignFirm aka \"联发科\", \"2454.TW\".", catalog);
    REQUIRE(statements.size() == 1);
    const auto& e = std::get<bind::DeclareEntity>(statements[0].node);
    CHECK(e.isNew);
    CHECK(e.aliases == std::vector<std::string>{"联发科", "2454.TW"});
    CHECK(catalog.findEntity("联发科")->id == e.entity);
    CHECK(catalog.findEntity("mediatek")->type == catalog.findType("DesignFirm")->id);
}

TEST_CASE("several entities can be declared at once", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements = bindOk("entity \"TPU v8\", \"MTIA v3\": Chip.", catalog);
    REQUIRE(statements.size() == 2);
    CHECK(catalog.findEntity("TPU v8") != nullptr);
    CHECK(catalog.findEntity("mtia V3") != nullptr);
}

TEST_CASE("declaring an entity again is idempotent", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    size_t before = catalog.entities().size();
    CHECK(bindOk("entity google: Vendor aka \"Alphabet\", \"谷歌\".", catalog).empty());
    // An alias that is the entity's own name is not added either.
    CHECK(bindOk("entity Google: Vendor aka \"GOOGLE\".", catalog).empty());
    CHECK(catalog.entities().size() == before);
    CHECK(catalog.entity(catalog.findEntity("Google")->id).aliases.size() == 2);
}

TEST_CASE("redeclaring an entity with new aliases adds only those", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements = bindOk("entity Google: Vendor aka \"Alphabet\", \"GOOGL\".", catalog);
    REQUIRE(statements.size() == 1);
    const auto& e = std::get<bind::DeclareEntity>(statements[0].node);
    CHECK_FALSE(e.isNew);
    CHECK(e.aliases == std::vector<std::string>{"GOOGL"});
    CHECK(catalog.findEntity("googl")->name == "Google");
}

TEST_CASE("an alias clash inside one statement keeps the rest out", "[bind][declaration][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("entity Microsoft: Vendor aka \"AWS\".", catalog);
    CHECK_FALSE(r.ok());
    CHECK(catalog.findEntity("AWS")->name == "Amazon");
}

// ---- sources -----------------------------------------------------------------------------

TEST_CASE("a source declaration keeps its fields and date", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    auto statements =
        bindOk("source bi_2025_12 \"Marvell lost Trainium\" by \"BI\" published 2025-12-08 "
               "url \"https://example.com\".",
               catalog);
    REQUIRE(statements.size() == 1);
    const schema::SourceInfo& s = std::get<bind::DeclareSource>(statements[0].node).source;
    CHECK(s.name == "bi_2025_12");
    CHECK(s.title == "Marvell lost Trainium");
    CHECK(s.author == "BI");
    CHECK(s.url == "https://example.com");
    REQUIRE(s.published);
    CHECK(s.published->toString() == "2025-12-08");
}

TEST_CASE("declaring a source again is idempotent", "[bind][declaration]") {
    schema::Catalog catalog = chipCatalog();
    CHECK(
        bindOk("source SEED2025 \"海外算力ASIC:需求或提速\" published 2025-06.", catalog).empty());
}

// Its message: tests/golden/errors/bind_declarations.test.
TEST_CASE("a source with an invalid publication date is not declared",
          "[bind][declaration][error]") {
    schema::Catalog catalog = chipCatalog();
    (void)bindText("source s published 2025-02-29.", catalog);
    CHECK(catalog.findSource("s") == nullptr);
}

// ---- the program as a whole --------------------------------------------------------------

TEST_CASE("declarations are visible to later statements of the same program",
          "[bind][declaration]") {
    schema::Catalog catalog;
    auto statements = bindOk("type Chip. entity X: Chip. relation r(c: Chip). r(X).", catalog);
    REQUIRE(statements.size() == 4);
    CHECK(std::holds_alternative<bind::AddFact>(statements[3].node));
}

TEST_CASE("statements that bind are still emitted next to failing ones",
          "[bind][declaration][error]") {
    // The engine throws the whole unit away on any error; the binder reports what it could.
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("type Foundry. entity X: Gadget.", catalog);
    CHECK_FALSE(r.ok());
    CHECK(r.statements.size() == 1);
}
