// A unit of input is bound against the live catalog (no copy): when it fails at any stage, the
// catalog, the rules, the facts and the database are exactly as before, ids to come included.
#include "engine/engine.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>

using namespace chipgraph;
using engine::Engine;
using engine::Outcome;

namespace {

const char* const kSchema = R"(
type Company.
type Chip.
relation develops(owner: Company, chip: Chip).
entity Amazon: Company aka "AWS".
entity Trainium3: Chip.
source seed published 2025-06.
Amazon develops Trainium3 per seed.
)";

// Declares one of everything, then fails while executing: the import reads a missing file.
const char* const kFailingUnit = R"(
type Foundry.
relation fabs(foundry: Foundry, chip: Chip).
entity TSMC: Foundry aka "台积电".
entity Amazon: Company aka "Amzn".
source later published 2026.
TSMC fabs Trainium3.
rule makes(F, C) :- fabs(F, C).
import develops from "/nonexistent/develops.csv".
)";

// A table's rows as "a|b" texts, in order.
std::vector<std::string> rowTexts(const Table& table) {
    std::vector<std::string> out;
    for (const std::vector<Cell>& row : table.rows) {
        std::string text;
        for (const Cell& cell : row)
            text += cell.text + "|";
        out.push_back(text);
    }
    return out;
}

std::unique_ptr<Engine> openEngine() {
    Result<std::unique_ptr<Engine>> opened = Engine::open(":memory:");
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

void runOk(Engine& engine, const std::string& text) {
    Outcome outcome = engine.run(text);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
}

struct Snapshot {
    std::vector<std::string> types, relations, names, sources;
    size_t rules, boundRules, facts;
    explicit Snapshot(const Engine& e)
        : types(e.catalog().typeNames()), relations(e.catalog().relationNames()),
          names(e.catalog().entityNamesAndAliases()), sources(e.catalog().sourceNames()),
          rules(e.catalog().rules().size()), boundRules(e.rules().rules.size()),
          facts(e.factCount()) {}
    bool operator==(const Snapshot&) const = default;
};

} // namespace

TEST_CASE("a unit failing while it executes leaves the catalog untouched", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Outcome failed = engine->run(kFailingUnit);
    REQUIRE_FALSE(failed.ok());
    CHECK(Snapshot(*engine) == before);
    CHECK(engine->catalog().findEntity("TSMC") == nullptr);
    CHECK(engine->catalog().findEntity("台积电") == nullptr);
    CHECK(engine->catalog().findEntity("Amzn") == nullptr);
    CHECK(engine->catalog().findEntity("AWS") != nullptr);
    CHECK(engine->catalog().findEntity("Amazon")->aliases == std::vector<std::string>{"AWS"});
    CHECK(engine->catalog().findRelation("makes") == nullptr);

    // The same declarations succeed afterwards and get the ids they would have had.
    auto fresh = openEngine();
    runOk(*fresh, kSchema);
    std::string good = kFailingUnit;
    good.erase(good.find("import"));
    runOk(*engine, good);
    runOk(*fresh, good);
    CHECK(engine->catalog().findEntity("TSMC")->id == fresh->catalog().findEntity("TSMC")->id);
    CHECK(engine->catalog().findType("Foundry")->id == fresh->catalog().findType("Foundry")->id);
    CHECK(engine->catalog().rules().back().id == fresh->catalog().rules().back().id);
    CHECK(engine->factCount() == fresh->factCount());
}

TEST_CASE("a unit failing to bind leaves the catalog untouched", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    CHECK_FALSE(engine->run("type Foundry.\nentity TSMC: Foundry.\nTSMC develops Nothing.").ok());
    CHECK(Snapshot(*engine) == before);
}

TEST_CASE("a failed import keeps none of the entities it created", "[engine][error]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    Engine::ImportRequest request;
    request.relation = "develops";
    request.path = "develops.csv";
    request.text = "owner,chip\nMeta,MTIA\nGoogle,Trainium3\nApple,\n";
    request.createType = "Company";
    Engine::ImportOutcome out = engine->importCsv(request);
    REQUIRE_FALSE(out.outcome.ok()); // MTIA is created as a Company, not a Chip; the last is empty
    CHECK(Snapshot(*engine) == before);
    CHECK(engine->catalog().findEntity("Meta") == nullptr);
    CHECK(engine->catalog().findEntity("Google") == nullptr);

    request.text = "owner,chip\nGoogle,Trainium3\n";
    Engine::ImportOutcome ok = engine->importCsv(request);
    INFO(ok.outcome.renderDiagnostics());
    REQUIRE(ok.outcome.ok());
    CHECK(engine->catalog().findEntity("Google") != nullptr);
    CHECK(engine->factCount() == before.facts + 1);
}

TEST_CASE("an import keeps one of each repeated row, into a new relation or not", "[engine]") {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("cg_import_repeats_" + std::to_string(::getpid()) + ".db"))
                           .string();
    std::filesystem::remove(path);
    Result<std::unique_ptr<Engine>> opened = Engine::open(path);
    REQUIRE(opened.isOk());
    std::unique_ptr<Engine> engine = std::move(opened).value();
    runOk(*engine, kSchema);
    size_t before = engine->factCount();
    Engine::ImportRequest request;
    runOk(*engine, "relation owns(owner: Company, chip: Chip).\nentity MTIA: Chip.\n"
                   "entity TPU: Chip.");
    request.relation = "owns";
    request.path = "owns.csv";
    request.text = "owner,chip\nMeta,MTIA\nGoogle,TPU\nMeta,MTIA\nmeta,mtia\nGoogle,TPU\n";
    request.createType = "Company";
    Engine::ImportOutcome first = engine->importCsv(request); // owns has no facts yet
    INFO(first.outcome.renderDiagnostics());
    REQUIRE(first.outcome.ok());
    CHECK(first.outcome.stats.factsAdded == 2);
    CHECK(first.outcome.stats.factsPresent == 3);
    CHECK(engine->factCount() == before + 2);
    request.text = "owner,chip\nGoogle,MTIA\nMeta,MTIA\nGoogle,MTIA\n"; // into its facts now
    Engine::ImportOutcome second = engine->importCsv(request);
    REQUIRE(second.outcome.ok());
    CHECK(second.outcome.stats.factsAdded == 1);
    CHECK(second.outcome.stats.factsPresent == 2);
    CHECK(engine->factCount() == before + 3);
    Outcome who = engine->run("? owns(X, MTIA).");
    REQUIRE(who.ok());
    REQUIRE(who.results.at(0).asTable()->table.rows.size() == 2);
    // The stored facts are the ones in memory, in the same order.
    Outcome all = engine->run("? owns(X, Y).");
    REQUIRE(all.ok());
    std::vector<std::string> inMemory = rowTexts(all.results.at(0).asTable()->table);
    engine.reset();
    Result<std::unique_ptr<Engine>> reopened = Engine::open(path);
    REQUIRE(reopened.isOk());
    CHECK(reopened.value()->factCount() == before + 3);
    Outcome again = reopened.value()->run("? owns(X, Y).");
    REQUIRE(again.ok());
    REQUIRE(again.results.at(0).asTable()->table.rows.size() == 3);
    CHECK(rowTexts(again.results.at(0).asTable()->table) == inMemory);
    reopened.value().reset();
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
}

TEST_CASE("read-only units leave the catalog as it was", "[engine]") {
    auto engine = openEngine();
    runOk(*engine, kSchema);
    Snapshot before(*engine);
    runOk(*engine, "? develops(X, Trainium3).\nwho develops Trainium3?");
    CHECK(Snapshot(*engine) == before);
}
