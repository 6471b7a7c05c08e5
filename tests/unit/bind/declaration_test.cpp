// Binding declarations: types, relations, entities with aliases, sources. Declaring the same
// thing twice is idempotent; declaring it differently is an error.
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

// The one error binding `text` against a fresh chip catalog must give.
Diagnostic onlyError(const std::string& text) {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText(text, catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].phase == Phase::Bind);
    CHECK_FALSE(r.ok());
    return r.diagnostics[0];
}

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

TEST_CASE("declaring a type with another parent is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("type Vendor <: Chip.");
    CHECK(d.message == "type 'Vendor' is already declared as a subtype of 'Company'");
    CHECK(positionOf(d) == "1:6");
    CHECK(onlyError("type Chip <: Company.").message ==
          "type 'Chip' is already declared without a parent");
}

TEST_CASE("a type's unknown parent gets a did-you-mean", "[bind][declaration][error]") {
    Diagnostic d = onlyError("type Foundry <: Compnay.");
    CHECK(d.message == "unknown type 'Compnay'");
    CHECK(d.hint == "did you mean 'Company'?");
    CHECK(positionOf(d) == "1:17");
}

TEST_CASE("the built-in column types cannot be declared", "[bind][declaration][error]") {
    Diagnostic d = onlyError("type Text.");
    CHECK(d.message == "'Text' is a built-in column type");
    CHECK(d.hint == "choose another name");
    CHECK(onlyError("type number.").message == "'number' is a built-in column type");
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

TEST_CASE("declaring a relation with other columns is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("relation designs(firm: DesignFirm, chip: Chip).");
    CHECK(d.message == "relation 'designs' is already declared with other columns");
    CHECK(d.hint == "keep one declaration");
    CHECK(positionOf(d) == "1:10");
    CHECK(onlyError("relation designs(firm: Company, chip: Chip) { role: text }.").message ==
          "relation 'designs' is already declared with other columns");
}

TEST_CASE("a column of unknown type suggests types, text and number",
          "[bind][declaration][error]") {
    Diagnostic d = onlyError("relation r(a: Chp).");
    CHECK(d.message == "unknown type 'Chp'");
    CHECK(d.hint == "did you mean 'Chip'?");
    CHECK(positionOf(d) == "1:15");
    CHECK(onlyError("relation r(a: txt).").hint == "did you mean 'text'?");
    CHECK(onlyError("relation r(a: Gadget).").hint == "");
}

TEST_CASE("a column declared twice is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("relation r(a: Chip, A: text).");
    CHECK(d.message == "column 'A' is declared twice");
    CHECK(positionOf(d) == "1:21");
    CHECK(onlyError("relation r(a: Chip) { a: text }.").message == "column 'a' is declared twice");
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

TEST_CASE("redeclaring an entity with another type is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity Google: DesignFirm.");
    CHECK(d.message == "entity 'Google' is already declared as a Vendor");
    CHECK(positionOf(d) == "1:8");
}

TEST_CASE("an alias that already names another entity is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity Microsoft: Vendor aka \"微软\", \"AWS\".");
    CHECK(d.message == "alias 'AWS' already names 'Amazon'");
    CHECK(positionOf(d) == "1:36");
    CHECK(onlyError("entity Microsoft: Vendor aka \"谷歌\".").message ==
          "alias '谷歌' already names 'Google'");
    CHECK(onlyError("entity Microsoft: Vendor aka \"alchip\".").message ==
          "alias 'alchip' already names 'Alchip'");
}

TEST_CASE("a new entity named like another's alias is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity Alphabet: Vendor.");
    CHECK(d.message == "'Alphabet' is already an alias of 'Google'");
    CHECK(positionOf(d) == "1:8");
}

TEST_CASE("an alias clash inside one statement keeps the rest out", "[bind][declaration][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("entity Microsoft: Vendor aka \"AWS\".", catalog);
    CHECK_FALSE(r.ok());
    CHECK(catalog.findEntity("AWS")->name == "Amazon");
}

TEST_CASE("aliases need a single entity", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity A, B: Chip aka \"C\".");
    CHECK(d.message == "aliases need a single entity");
    CHECK(d.hint == "declare each entity with its own 'aka' list");
    CHECK(positionOf(d) == "1:23");
}

TEST_CASE("an entity of unknown type gets a did-you-mean", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity MediaTek: DesignFrim.");
    CHECK(d.message == "unknown type 'DesignFrim'");
    CHECK(d.hint == "did you mean 'DesignFirm'?");
    CHECK(positionOf(d) == "1:18");
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

TEST_CASE("declaring a source differently is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("source seed2025 \"海外算力ASIC:需求或提速\" published 2025-07.");
    CHECK(d.message == "source 'seed2025' is already declared differently");
    CHECK(d.hint == "keep one declaration");
    CHECK(onlyError("source reuters2025 by \"Reuters\" published 2025-12-03.").message ==
          "source 'reuters2025' is already declared differently");
}

TEST_CASE("a source with an invalid publication date is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("source s published 2025-13.");
    CHECK(d.message == "invalid date '2025-13': month 13 is out of range (1-12)");
    CHECK(positionOf(d) == "1:20");
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

TEST_CASE("all errors are collected and sorted by position", "[bind][declaration][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("entity B: Gadget.\n"
                                  "type X <: Nothing.\n"
                                  "relation q(a: Chip, a: Chip).\n",
                                  catalog);
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(positionOf(r.diagnostics[0]) == "1:11");
    CHECK(positionOf(r.diagnostics[1]) == "2:11");
    CHECK(positionOf(r.diagnostics[2]) == "3:21");
    CHECK(r.diagnostics[2].message == "column 'a' is declared twice");
}

TEST_CASE("statements that bind are still emitted next to failing ones",
          "[bind][declaration][error]") {
    // The engine throws the whole unit away on any error; the binder reports what it could.
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("type Foundry. entity X: Gadget.", catalog);
    CHECK_FALSE(r.ok());
    CHECK(r.statements.size() == 1);
}

TEST_CASE("a type cannot be its own parent", "[bind][declaration][error]") {
    Diagnostic d = onlyError("type Foundry <: Foundry.");
    CHECK(d.message == "unknown type 'Foundry'");
    CHECK(positionOf(d) == "1:17");
}

TEST_CASE("a relation is not a type", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity Y: designs.");
    CHECK(d.message == "unknown type 'designs'");
    CHECK(onlyError("relation r(a: develops).").message == "unknown type 'develops'");
}

TEST_CASE("a source published in an impossible half is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("source s published 2025-H3.");
    CHECK(d.message == "invalid date '2025-H3': half 3 is out of range (1-2)");
    CHECK(positionOf(d) == "1:20");
}

TEST_CASE("an alias that is another entity's name is an error", "[bind][declaration][error]") {
    Diagnostic d = onlyError("entity Microsoft: Vendor aka \"Google\".");
    CHECK_THAT(d.message, Catch::Matchers::StartsWith("alias 'Google' already"));
    CHECK(positionOf(d) == "1:30");
}

TEST_CASE("a type used before its declaration is unknown", "[bind][declaration][error]") {
    schema::Catalog catalog = chipCatalog();
    bind::BindResult r = bindText("entity TSMC: Foundry.\ntype Foundry <: Company.\n", catalog);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "unknown type 'Foundry'");
    CHECK(r.diagnostics[0].span.line == 1);
}
