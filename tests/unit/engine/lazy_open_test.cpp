// Opening reads the catalog; each relation's facts are read on their first use, from the state
// of the database that catalog describes, even after another process (here: another engine,
// its own connection) changed them (docs/storage.md, "Opening").
#include "engine/engine.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

using namespace chipgraph;
using engine::Engine;
using engine::Outcome;

namespace {

const char* const kGraph = R"(
type Company.
type Chip.
relation develops(owner: Company, chip: Chip).
relation designs(firm: Company, chip: Chip).
entity Amazon: Company.
entity Alchip: Company.
entity Marvell: Company.
entity Trainium2: Chip.
entity Trainium3: Chip.
Amazon develops Trainium3.
Marvell designs Trainium2.
Alchip designs Trainium3.
)";

struct TempDatabase {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("cg_lazy_open_" + std::to_string(::getpid()) + ".db"))
                           .string();
    TempDatabase() { remove(); }
    ~TempDatabase() { remove(); }
    void remove() const {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    }
};

std::unique_ptr<Engine> openEngine(const std::string& path) {
    Result<std::unique_ptr<Engine>> opened = Engine::open(path);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

// The first column of a question's rows, sorted.
std::vector<std::string> firsts(Engine& engine, const std::string& question) {
    Outcome outcome = engine.run(question);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
    std::vector<std::string> out;
    for (const auto& row : outcome.results.at(0).asTable()->table.rows)
        out.push_back(row.at(0).text);
    std::sort(out.begin(), out.end());
    return out;
}

void runOk(Engine& engine, const std::string& text) {
    Outcome outcome = engine.run(text);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
}

} // namespace

TEST_CASE("a relation first read after another process wrote is read as of the catalog",
          "[engine][lazy]") {
    TempDatabase db;
    runOk(*openEngine(db.path), kGraph);
    std::unique_ptr<Engine> reader = openEngine(db.path);
    CHECK(firsts(*reader, "? develops(X, Trainium3).") == std::vector<std::string>{"Amazon"});
    // `designs` is not read yet. Another writer retracts one of its facts, adds one naming a
    // new entity, and adds a fact to a relation the reader has read.
    {
        std::unique_ptr<Engine> writer = openEngine(db.path);
        runOk(*writer, "retract Marvell designs Trainium2.");
        runOk(*writer, "entity Broadcom: Company.\nBroadcom designs Trainium2.\n"
                       "Alchip develops Trainium2.");
    }
    // The reader answers from the database as it opened it, in every relation alike.
    CHECK(firsts(*reader, "? designs(X, C).") == std::vector<std::string>{"Alchip", "Marvell"});
    CHECK(firsts(*reader, "? develops(X, C).") == std::vector<std::string>{"Amazon"});
    // Writing, it takes the lock and loads the database again: now it sees the writer's facts.
    runOk(*reader, "Amazon develops Trainium2.");
    CHECK(firsts(*reader, "? designs(X, C).") == std::vector<std::string>{"Alchip", "Broadcom"});
    CHECK(firsts(*reader, "? develops(X, C).") ==
          std::vector<std::string>{"Alchip", "Amazon", "Amazon"});
}

TEST_CASE("a session's own writes and failed units keep lazy relations right", "[engine][lazy]") {
    TempDatabase db;
    runOk(*openEngine(db.path), kGraph);
    std::unique_ptr<Engine> engine = openEngine(db.path);
    // A write into a relation not read yet: its stored facts come first.
    runOk(*engine, "Amazon designs Trainium3.");
    CHECK(firsts(*engine, "? designs(X, C).") ==
          std::vector<std::string>{"Alchip", "Amazon", "Marvell"});
    // Another process writes after this session's own commit: `develops`, not read yet, is
    // read as this session last knew the database (its own commit included).
    {
        std::unique_ptr<Engine> writer = openEngine(db.path);
        runOk(*writer, "retract Amazon develops Trainium3.");
        runOk(*writer, "Alchip develops Trainium2.");
    }
    CHECK(firsts(*engine, "? develops(X, C).") == std::vector<std::string>{"Amazon"});
    CHECK(engine->factCount() == 4);
    // A failed unit (it wrote, then rolled back) forgets what it loaded; reading again, the
    // session now sees the writer's changes (it took the lock and loaded the database again).
    Outcome failed =
        engine->run("Amazon develops Trainium2.\nimport develops from \"/nonexistent.csv\".");
    REQUIRE_FALSE(failed.ok());
    CHECK(firsts(*engine, "? develops(X, C).") == std::vector<std::string>{"Alchip"});
    std::unique_ptr<Engine> fresh = openEngine(db.path);
    CHECK(firsts(*fresh, "? designs(X, C).") ==
          std::vector<std::string>{"Alchip", "Amazon", "Marvell"});
}

TEST_CASE("blame, history and recorded at read the log as far as the session's state",
          "[engine][lazy]") {
    TempDatabase db;
    runOk(*openEngine(db.path), kGraph);
    std::unique_ptr<Engine> reader = openEngine(db.path);
    {
        // Another process retracts a claim and adds one naming an entity the reader's catalog
        // does not have: read as they are, they would look like a corrupt fact.
        std::unique_ptr<Engine> writer = openEngine(db.path);
        runOk(*writer, "retract Alchip designs Trainium3.");
        runOk(*writer, "entity Broadcom: Company.\nBroadcom designs Trainium3.");
    }
    CHECK(firsts(*reader, "blame designs(_, Trainium3).") == std::vector<std::string>{"Alchip"});
    CHECK(firsts(*reader, "history designs(_, Trainium3).") == std::vector<std::string>{"Alchip"});
    CHECK(firsts(*reader, "? designs(X, Trainium3) recorded at 2999-12-31.") ==
          std::vector<std::string>{"Alchip"});
    runOk(*reader, "why designs(Alchip, Trainium3) recorded at 2999-12-31?");
    // Once it writes it sees the log as it is: the retraction and the new claim.
    runOk(*reader, "Amazon develops Trainium2.");
    CHECK(firsts(*reader, "blame designs(_, Trainium3).") ==
          std::vector<std::string>{"Alchip", "Alchip", "Broadcom"});
}
