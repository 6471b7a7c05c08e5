// The engine's front door on an in-memory database: units of declarations, facts and queries
// run atomically (any error writes nothing), loading twice adds nothing, and the bundled
// knowledge base loads cleanly and answers.
#include "engine/engine.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace chipgraph;
using Catch::Matchers::Contains;
using engine::Engine;
using engine::Outcome;

namespace {

const char* const kSchema = R"(
type Company.
type Vendor <: Company.
type DesignFirm <: Company.
type Chip.
relation develops(owner: Vendor, chip: Chip).
relation designs(firm: DesignFirm, chip: Chip) { role: text }.
relation shipments(owner: Vendor, units: number).
entity Amazon: Vendor aka "AWS", "亚马逊".
entity Google: Vendor.
entity Alchip: DesignFirm.
entity Alphawave: DesignFirm.
entity Trainium3: Chip aka "Trn3".
source seed2025 "海外算力ASIC:需求或提速" published 2025-06.
source reuters2025 published 2025-12-03.
)";

const char* const kFacts = R"(
Amazon develops Trainium3 per seed2025.
Alphawave designs Trainium3 from 2025 per seed2025 expected { role: "primary" }.
Alchip designs Trainium3 from 2025 per reuters2025 reported.
shipments(Google, >3000000) in 2026 per seed2025 forecast.
)";

std::unique_ptr<Engine> openEngine(const std::string& path = ":memory:") {
    Result<std::unique_ptr<Engine>> opened = Engine::open(path);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

Outcome runOk(Engine& engine, const std::string& text, const std::string& name = "<input>") {
    Outcome outcome = engine.run(text, name);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
    return outcome;
}

// The cells of a result table as text ("NULL" for missing values), without the per-atom
// source columns.
std::vector<std::vector<std::string>> cells(const Table& table) {
    std::vector<std::vector<std::string>> out;
    size_t shown = table.columns.size() - table.detailColumns;
    for (const auto& row : table.rows) {
        std::vector<std::string> texts;
        for (size_t i = 0; i < shown; ++i)
            texts.push_back(row[i].kind == Cell::Kind::Null ? "NULL" : row[i].text);
        out.push_back(texts);
    }
    return out;
}

// A snapshot of what the engine holds, to check that a failed unit changed nothing.
struct Snapshot {
    size_t types, relations, entities, sources, facts;
    std::vector<std::string> names;
    explicit Snapshot(const Engine& e)
        : types(e.catalog().types().size()), relations(e.catalog().relations().size()),
          entities(e.catalog().entities().size()), sources(e.catalog().sources().size()),
          facts(e.factCount()), names(e.catalog().entityNamesAndAliases()) {}
    bool operator==(const Snapshot&) const = default;
};

} // namespace

// ---- opening and running -----------------------------------------------------------------

TEST_CASE("a new in-memory engine is empty", "[engine]") {
    auto engine = openEngine();
    CHECK(engine->factCount() == 0);
    CHECK(engine->catalog().types().empty());
    CHECK(engine->catalog().entities().empty());
}

TEST_CASE("a unit of declarations, facts and queries runs in order", "[engine]") {
    auto engine = openEngine();
    Outcome o = runOk(*engine, std::string(kSchema) + kFacts +
                                   "who designs Trainium3?\n"
                                   "? develops(V, C).\n");
    CHECK(o.stats.types == 4);
    CHECK(o.stats.relations == 3);
    CHECK(o.stats.entities == 5);
    CHECK(o.stats.aliases == 3);
    CHECK(o.stats.sources == 2);
    CHECK(o.stats.factsAdded == 4);
    CHECK(o.stats.factsPresent == 0);
    CHECK(engine->factCount() == 4);
    CHECK(engine->catalog().findEntity("亚马逊")->name == "Amazon");
    REQUIRE(o.results.size() == 2);
    CHECK(o.results[0].asTable()->table.columns ==
          std::vector<std::string>{"firm", "valid", "status", "source", "reported",
                                   "source.designs"});
    CHECK(cells(o.results[0].asTable()->table) ==
          std::vector<std::vector<std::string>>{
              {"Alchip", "2025..", "reported", "reuters2025", "2025-12-03"},
              {"Alphawave", "2025..", "expected", "seed2025", "2025-06"}});
    CHECK(o.results[0].asTable()->plan == "1. lookup designs(firm, Trainium3) on chip\n");
    CHECK(cells(o.results[1].asTable()->table) ==
          std::vector<std::vector<std::string>>{
              {"Amazon", "Trainium3", "undated", "actual", "seed2025", "2025-06"}});
}

TEST_CASE("a query sees only the facts stated before it", "[engine]") {
    auto engine = openEngine();
    Outcome o = runOk(*engine, std::string(kSchema) + "? develops(V, C).\n"
                                                      "Amazon develops Trainium3.\n"
                                                      "? develops(V, C).\n");
    REQUIRE(o.results.size() == 2);
    CHECK(o.results[0].asTable()->table.rows.empty());
    CHECK(o.results[1].asTable()->table.rows.size() == 1);
}

TEST_CASE("later units see earlier ones", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    runOk(*engine, kFacts);
    Outcome o = runOk(*engine, "what does AWS develop?");
    REQUIRE(o.results.size() == 1);
    CHECK(cells(o.results[0].asTable()->table)[0][0] == "Trainium3");
}

// ---- atomic units ------------------------------------------------------------------------

TEST_CASE("a unit with a bind error writes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    Snapshot before(*engine);
    Outcome o = engine->run("type Foundry <: Company.\n"
                            "entity TSMC: Foundry aka \"台积电\".\n"
                            "Alchip designs Trainium3 per reuters2025 rumored.\n"
                            "Alchip designs Tranium3.\n"
                            "? designs(F, C).\n",
                            "bad.kg");
    CHECK_FALSE(o.ok());
    CHECK(o.results.empty());
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message == "unknown entity 'Tranium3'");
    CHECK(Snapshot(*engine) == before);
    CHECK(engine->catalog().findType("Foundry") == nullptr);
    CHECK(engine->catalog().findEntity("台积电") == nullptr);
}

TEST_CASE("a unit with a syntax error writes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Outcome o = engine->run("entity Microsoft: Vendor.\nAmazon develops Trainium3\n? x(A).");
    CHECK_FALSE(o.ok());
    CHECK(o.diagnostics[0].phase == Phase::Syntax);
    CHECK(Snapshot(*engine) == before);
    CHECK(engine->catalog().findEntity("Microsoft") == nullptr);
}

TEST_CASE("an alias clash with an earlier unit writes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Outcome o = engine->run("entity Microsoft: Vendor aka \"MSFT\", \"AWS\".");
    CHECK_FALSE(o.ok());
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message == "alias 'AWS' already names 'Amazon'");
    CHECK(Snapshot(*engine) == before);
    CHECK(engine->catalog().findEntity("MSFT") == nullptr);
}

TEST_CASE("an error in any file of a unit keeps every file out", "[engine][error]") {
    auto engine = openEngine();
    Outcome o = engine->runFiles({{"a.kg", kSchema, 1},
                                  {"b.kg", kFacts, 1},
                                  {"c.kg", "Amazon develops Trainium3 in 2025-13.", 1}});
    CHECK_FALSE(o.ok());
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].span.fileName() == "c.kg");
    CHECK(engine->factCount() == 0);
    CHECK(engine->catalog().types().empty());
}

TEST_CASE("errors of every file are reported and rendered with their source", "[engine][error]") {
    auto engine = openEngine();
    Outcome o = engine->runFiles(
        {{"a.kg", "type Chip.\nentity X: Chp.", 1}, {"b.kg", "type Foo <: Bar.", 1}});
    REQUIRE(o.diagnostics.size() == 2);
    CHECK(o.renderDiagnostics() == "a.kg:2:11: error: unknown type 'Chp'; did you mean 'Chip'?\n"
                                   "    entity X: Chp.\n"
                                   "              ^^^\n"
                                   "b.kg:1:13: error: unknown type 'Bar'\n"
                                   "    type Foo <: Bar.\n"
                                   "                ^^^\n");
}

TEST_CASE("firstLine numbers diagnostics over a session", "[engine][error]") {
    auto engine = openEngine();
    Outcome o = engine->run("type A.\ntype B <: C.", "<stdin>", 20);
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].span.line == 21);
    CHECK_THAT(o.renderDiagnostics(), Contains("<stdin>:21:11: error: unknown type 'C'"));
}

TEST_CASE("a unit whose query has an error runs none of its queries", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    Outcome o = engine->run("who designs Trainium3?\n? desings(F, C).\n");
    CHECK_FALSE(o.ok());
    CHECK(o.results.empty());
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message == "unknown relation 'desings'");
    CHECK(o.diagnostics[0].hint == "did you mean 'designs'?");
}

TEST_CASE("every bind error of a unit is reported, sorted by line", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Outcome o = engine->run("Google designs Trainium3.\n"
                            "Amazon develops Trainium3 during 2026..2025.\n"
                            "shipments(Google, lots).\n"
                            "Alchip designs Trainium3 per seed2052.\n");
    REQUIRE(o.diagnostics.size() == 4);
    for (size_t i = 0; i < 4; ++i)
        CHECK(o.diagnostics[i].span.line == static_cast<int>(i) + 1);
    CHECK(o.diagnostics[1].message == "the interval ends before it starts");
    CHECK(engine->factCount() == 0);
}

TEST_CASE("an invalid date in a fact writes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Outcome o = engine->run("Amazon develops Trainium3 in 2025-02-29.\n"
                            "Amazon develops Trainium3 in 2024-02-29.\n");
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message ==
          "invalid date '2025-02-29': day 29 is out of range for 2025-02 (1-28)");
    CHECK(Snapshot(*engine) == before);
}

TEST_CASE("retracting with an unknown name is an error and removes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    Outcome o = engine->run("retract Alchip designs Tranium3.");
    CHECK_FALSE(o.ok());
    CHECK(o.stats.factsRetracted == 0);
    CHECK(engine->factCount() == 4);
}

TEST_CASE("the engine works normally after a failed unit", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    CHECK_FALSE(engine->run("entity Microsoft: Vendr.").ok());
    Outcome o = runOk(*engine, "entity Microsoft: Vendor. Microsoft develops Trainium3.");
    CHECK(o.stats.entities == 1);
    CHECK(o.stats.factsAdded == 1);
    CHECK(engine->catalog().findEntity("Microsoft") != nullptr);
}

TEST_CASE("empty and comment-only units do nothing", "[engine]") {
    auto engine = openEngine();
    Outcome empty = runOk(*engine, "");
    CHECK(empty.results.empty());
    Outcome comments = runOk(*engine, "-- nothing here\n/* or here */");
    CHECK(comments.stats.factsAdded == 0);
    CHECK(engine->factCount() == 0);
}

TEST_CASE("a name declared in a failed unit stays unknown", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    CHECK_FALSE(engine->run("entity Maia: Chip.\nMaia develops Trainium3.").ok());
    Outcome o = engine->run("Microsoft develops Maia.");
    REQUIRE(o.diagnostics.size() == 2);
    CHECK(o.diagnostics[0].message == "unknown entity 'Microsoft'");
    CHECK(o.diagnostics[1].message == "unknown entity 'Maia'");
}

TEST_CASE("a conflicting redeclaration in a later unit writes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Outcome o = engine->run("entity TSMC: Company.\n"
                            "relation develops(owner: Company, chip: Chip).\n");
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message == "relation 'develops' is already declared with other columns");
    CHECK(Snapshot(*engine) == before);
}

TEST_CASE("a syntax error in one file keeps the valid files out", "[engine][error]") {
    auto engine = openEngine();
    Outcome o = engine->runFiles({{"a.kg", kSchema, 1}, {"b.kg", "entiy Foo: Chip.", 1}});
    REQUIRE(o.diagnostics.size() == 1);
    CHECK(o.diagnostics[0].message == "unknown keyword 'entiy'");
    CHECK(o.diagnostics[0].span.fileName() == "b.kg");
    CHECK(engine->catalog().types().empty());
}

// ---- idempotent loading ------------------------------------------------------------------

TEST_CASE("loading the same text twice adds nothing", "[engine]") {
    auto engine = openEngine();
    std::string text = std::string(kSchema) + kFacts;
    runOk(*engine, text);
    Snapshot before(*engine);
    Outcome again = runOk(*engine, text);
    CHECK(again.stats.types == 0);
    CHECK(again.stats.relations == 0);
    CHECK(again.stats.entities == 0);
    CHECK(again.stats.aliases == 0);
    CHECK(again.stats.sources == 0);
    CHECK(again.stats.factsAdded == 0);
    CHECK(again.stats.factsPresent == 4);
    CHECK(Snapshot(*engine) == before);
}

TEST_CASE("a fact stated twice in one unit is stored once", "[engine]") {
    auto engine = openEngine();
    Outcome o = runOk(*engine, std::string(kSchema) + "Amazon develops Trainium3.\n"
                                                      "AWS develops Trn3.\n");
    CHECK(o.stats.factsAdded == 1);
    CHECK(o.stats.factsPresent == 1);
    CHECK(engine->factCount() == 1);
}

TEST_CASE("a new alias for a known entity is added on its own", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Outcome o = runOk(*engine, "entity Amazon: Vendor aka \"AWS\", \"AMZN\".");
    CHECK(o.stats.entities == 0);
    CHECK(o.stats.aliases == 1);
    CHECK(engine->catalog().findEntity("amzn")->name == "Amazon");
    CHECK(engine->catalog().findEntity("Amazon")->aliases ==
          std::vector<std::string>{"AWS", "亚马逊", "AMZN"});
}

// ---- retract -----------------------------------------------------------------------------

TEST_CASE("retract removes the matching facts", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    Outcome o = runOk(*engine, "retract Alchip designs Trainium3 per reuters2025.\n"
                               "who designs Trainium3?");
    CHECK(o.stats.factsRetracted == 1);
    CHECK(engine->factCount() == 3);
    REQUIRE(o.results.size() == 1);
    CHECK(cells(o.results[0].asTable()->table).size() == 1);
    CHECK(cells(o.results[0].asTable()->table)[0][0] == "Alphawave");
}

TEST_CASE("retract with a clause that matches nothing removes nothing", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    Outcome o = runOk(*engine, "retract Alchip designs Trainium3 per seed2025.");
    CHECK(o.stats.factsRetracted == 0);
    CHECK(engine->factCount() == 4);
}

// ---- session helpers ---------------------------------------------------------------------

TEST_CASE("a default as-of applies to queries without a window", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts + "Alchip designs Trainium3 in 2024.\n");
    REQUIRE(engine->setDefaultAsOf(std::string("2024")).isOk());
    CHECK(cells(runOk(*engine, "who designs Trainium3?").results[0].asTable()->table).size() == 1);
    // An explicit window wins over the default.
    CHECK(cells(runOk(*engine, "who designs Trainium3 as of 2026?").results[0].asTable()->table)
              .size() == 2);
    REQUIRE(engine->setDefaultAsOf(std::nullopt).isOk());
    CHECK(cells(runOk(*engine, "who designs Trainium3?").results[0].asTable()->table).size() == 3);
}

TEST_CASE("a default known-at hides later reports", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts);
    REQUIRE(engine->setDefaultKnownAt(std::string("2025-06")).isOk());
    auto rows = cells(runOk(*engine, "who designs Trainium3?").results[0].asTable()->table);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "Alphawave");
}

TEST_CASE("session defaults reject malformed dates", "[engine][error]") {
    auto engine = openEngine();
    Status asOf = engine->setDefaultAsOf(std::string("2025-13"));
    CHECK(asOf.message() == "invalid date '2025-13': month 13 is out of range (1-12)");
    Status knownAt = engine->setDefaultKnownAt(std::string("2025-02-29"));
    CHECK(knownAt.message() ==
          "invalid date '2025-02-29': day 29 is out of range for 2025-02 (1-28)");
}

TEST_CASE("printAst prints the program back or reports syntax errors", "[engine]") {
    auto engine = openEngine();
    Outcome ok;
    CHECK(engine->printAst("who designs  Trainium3 ?", "<stdin>", 1, ok) ==
          "who designs Trainium3?\n");
    CHECK(ok.ok());
    Outcome bad;
    CHECK(engine->printAst("type Chip", "<stdin>", 1, bad).empty());
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].message == "missing '.' at the end of the statement");
}

TEST_CASE("factsOf filters a relation's facts by window and report date", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, std::string(kSchema) + kFacts + "Alchip designs Trainium3 in 2024.\n");
    RelationId designs = engine->catalog().findRelation("designs")->id;
    CHECK(engine->factsOf(designs).size() == 3);
    Interval year2024{daysFromCivil(2024, 1, 1), daysFromCivil(2025, 1, 1)};
    CHECK(engine->factsOf(designs, year2024).size() == 1);
    // Known at 2025-06-30: seed2025 (2025-06) only; a claim without a source has no report date.
    CHECK(engine->factsOf(designs, std::nullopt, daysFromCivil(2025, 6, 30)).size() == 1);
    CHECK(engine->factsOf(designs, std::nullopt, daysFromCivil(2025, 6, 29)).empty());
}

// ---- the bundled knowledge base ----------------------------------------------------------

TEST_CASE("the bundled graph loads without diagnostics", "[engine][bundled]") {
    auto engine = openEngine();
    Outcome o = engine->loadBundledGraph();
    INFO(o.renderDiagnostics());
    CHECK(o.diagnostics.empty());
    CHECK(engine->factCount() > 100);
    CHECK(engine->catalog().findRelation("designs") != nullptr);
    CHECK(engine->catalog().findEntity("谷歌")->name == "Google");
    CHECK(engine->catalog().findSource("seed2025") != nullptr);
}

TEST_CASE("the bundled graph says both Alphawave and Alchip design Trainium3",
          "[engine][bundled]") {
    auto engine = openEngine();
    REQUIRE(engine->loadBundledGraph().ok());
    Outcome o = runOk(*engine, "who designs Trainium3?");
    REQUIRE(o.results.size() == 1);
    auto rows = cells(o.results[0].asTable()->table);
    auto alphawave = std::find_if(rows.begin(), rows.end(), [](const auto& r) {
        return r[0] == "Alphawave" && r[3].find("seed2025") != std::string::npos;
    });
    CHECK(alphawave != rows.end());
    CHECK(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r[0] == "Alchip"; }) >=
          1);
}

TEST_CASE("loading the bundled graph twice adds nothing", "[engine][bundled]") {
    auto engine = openEngine();
    REQUIRE(engine->loadBundledGraph().ok());
    Snapshot before(*engine);
    Outcome again = engine->loadBundledGraph();
    CHECK(again.ok());
    CHECK(again.stats.factsAdded == 0);
    CHECK(again.stats.factsPresent == static_cast<int>(before.facts));
    CHECK(Snapshot(*engine) == before);
}
