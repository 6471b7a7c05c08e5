// Questions that look facts up in a large relation read them from the store's indexes instead
// of reading the relation whole (docs/storage.md, "Indexes"), with the same answers.
#include "engine/engine.h"
#include "engine/engine_testing.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace chipgraph;
using engine::Engine;
using engine::EngineTesting;
using engine::Outcome;

namespace {

namespace fs = std::filesystem;

// A folder with a database and the CSV files of a graph large enough to be indexed.
struct TempFolder {
    fs::path dir = fs::temp_directory_path() / ("cg_paged_" + std::to_string(::getpid()));
    TempFolder() {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~TempFolder() { fs::remove_all(dir); }
    std::string db() const { return (dir / "graph.db").string(); }
    std::string file(const std::string& name) const { return (dir / name).string(); }
};

// More than the store indexes a relation from (store::Store::kMinIndexedFacts, 4096).
constexpr int kItems = 5000;

// Items i1..iN named "n<i>" (so "n1" is a prefix of "n10"), with a few odd names; item i
// designs item i+1 and i+2 (two firms per chip); amounts by item (a number column).
void writeGraph(const TempFolder& folder) {
    std::ofstream names(folder.file("names.csv")), designs(folder.file("designs.csv")),
        amounts(folder.file("amounts.csv"));
    names << "id,name,kind\n";
    designs << "firm,chip\n";
    amounts << "item,units\n";
    for (int i = 1; i <= kItems; ++i) {
        std::string name = i == 7   ? "n\xC3\xA9\x01t"
                           : i == 8 ? "n 8, \"quoted\""
                                    : "n" + std::to_string(i);
        if (i == 8) name = "\"n 8, \"\"quoted\"\"\"";
        names << "i" << i << "," << name << "," << (i % 3 ? "chip" : "firm") << "\n";
        designs << "i" << i << ",i" << (i % kItems) + 1 << "\n";
        designs << "i" << i << ",i" << ((i + 1) % kItems) + 1 << "\n";
        amounts << "i" << i << "," << i % 10 << "\n";
    }
}

const char* const kSchema = R"(
type Item.
relation named(id: Item, name: text, kind: text) timeless.
relation designs(firm: Item, chip: Item) timeless.
relation amount(item: Item, units: number) timeless.
relation owner(chip: Item, firm: Item) timeless key (chip).
)";

std::unique_ptr<Engine> openEngine(const std::string& path, bool fingerprints = false) {
    Result<std::unique_ptr<Engine>> opened = Engine::open(path);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    engine::EngineOptions options = opened.value()->options();
    options.fingerprints = fingerprints; // a fingerprint reads every fact it hashes
    opened.value()->setOptions(options);
    return std::move(opened).value();
}

void runOk(Engine& engine, const std::string& text) {
    Outcome outcome = engine.run(text);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
}

// The rows of a question's answer, as text, then its notes (claims left out) as one more.
std::vector<std::vector<std::string>> rows(Engine& engine, const std::string& question) {
    Outcome outcome = engine.run(question);
    INFO(question << "\n" << outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
    std::vector<std::vector<std::string>> out;
    const Table& table = outcome.results.at(0).asTable()->table;
    for (const auto& row : table.rows) {
        out.emplace_back();
        for (const auto& cell : row)
            out.back().push_back(cell.text);
    }
    if (!table.notes.empty()) out.push_back(table.notes);
    return out;
}

bool pending(const Engine& engine, const char* relation) {
    return EngineTesting::facts(engine).isPending(engine.catalog().findRelation(relation)->id);
}

void load(const TempFolder& folder) {
    writeGraph(folder);
    std::unique_ptr<Engine> writer = openEngine(folder.db());
    runOk(*writer, std::string(kSchema) + "import named from \"" + folder.file("names.csv") +
                       "\" create Item.\nimport designs from \"" + folder.file("designs.csv") +
                       "\".\nimport amount from \"" + folder.file("amounts.csv") + "\".\n");
}

const char* const kQuestions[] = {
    R"(? named(C, "n10", _), designs(F, C), named(F, Name, _).)",
    R"(? named(C, "n1", _), designs(F, C), named(F, Name, K).)",
    "? named(C, \"n\xC3\xA9\x01t\", _).",
    R"(? named(C, "n 8, \"quoted\"", K).)",
    R"(? named(C, "no such name", _).)",
    R"(? designs(F, i4000), named(F, N, "chip").)",
    R"(? designs(i17, C).)",
    // Claims without a report date are left out, and counted once each in a note, though
    // the question reads them by two different lookups.
    R"(? named(C, "n10", K), named(C, N, K) known at 2020-01-01.)",
};

} // namespace

TEST_CASE("questions that look facts up read them on disk, with the answers of whole reads",
          "[engine][paged]") {
    TempFolder folder;
    load(folder);
    std::unique_ptr<Engine> whole = openEngine(folder.db(), true);
    std::unique_ptr<Engine> paged = openEngine(folder.db());
    for (const char* question : kQuestions) {
        INFO(question);
        CHECK(rows(*paged, question) == rows(*whole, question));
        CHECK(pending(*paged, "named"));
    }
    CHECK(rows(*paged, kQuestions[0]).size() == 2);
    CHECK(rows(*paged, kQuestions[2]).size() == 1);
    CHECK(rows(*paged, kQuestions[3]).size() == 1);
    CHECK(rows(*paged, kQuestions[4]).empty());
    CHECK(rows(*paged, kQuestions[7]).size() == 1); // no rows, one note
    // Neither relation was read whole; the lookups hold a handful of facts.
    CHECK(pending(*paged, "named"));
    CHECK(pending(*paged, "designs"));
    CHECK(EngineTesting::factsReadByLookups(*paged) > 0);
    CHECK(EngineTesting::factsReadByLookups(*paged) < 40);
    CHECK_FALSE(pending(*whole, "named"));
    // `explain` says which lookups read the disk.
    Outcome explained = paged->run(R"(explain ? named(C, "n10", _), designs(F, C).)");
    REQUIRE(explained.ok());
    CHECK(explained.results.at(0).asTable()->plan ==
          "1. lookup named(C, \"n10\", _) on name (on disk)\n2. lookup designs(F, C) on chip "
          "(on disk)\n");
}

TEST_CASE("reads no index serves take the relation whole", "[engine][paged]") {
    TempFolder folder;
    load(folder);
    std::unique_ptr<Engine> paged = openEngine(folder.db());
    // A lookup by a number, a scan, a negation: each reads its relation whole.
    CHECK(rows(*paged, "? amount(X, 3), X = i3.").size() == 1);
    CHECK_FALSE(pending(*paged, "amount"));
    CHECK(rows(*paged, R"(? named(X, "n5", _), not designs(X, i6).)").empty());
    CHECK_FALSE(pending(*paged, "designs"));
    CHECK(pending(*paged, "named"));
    CHECK(rows(*paged, R"(? named(X, N, "firm"), N = "n3".)").size() == 1);
    CHECK_FALSE(pending(*paged, "named"));
}

TEST_CASE("a question that would look a relation up many times reads it whole", "[engine][paged]") {
    TempFolder folder;
    load(folder);
    std::unique_ptr<Engine> whole = openEngine(folder.db(), true);
    std::unique_ptr<Engine> paged = openEngine(folder.db());
    // `named` is scanned (its kind has no index); `designs` is looked up by chip for each of
    // 3 334 chips: past a 64th of its 10 000 facts it is read whole, mid-question.
    const char* question = R"(? named(X, N, "chip"), designs(F, X).)";
    CHECK(rows(*paged, question) == rows(*whole, question));
    CHECK(rows(*paged, question).size() == 6668);
    CHECK_FALSE(pending(*paged, "designs"));
    CHECK(EngineTesting::factsReadByLookups(*paged) < 400);
}

TEST_CASE("lookups read the session's state of the database, and writes move it on",
          "[engine][paged]") {
    TempFolder folder;
    load(folder);
    std::unique_ptr<Engine> reader = openEngine(folder.db());
    const std::string question = R"(? named(C, "n10", _), designs(F, C).)";
    std::vector<std::vector<std::string>> before = rows(*reader, question);
    REQUIRE(before.size() == 2);
    // Another process adds a designer of i10. The reader answers as of its catalog: the
    // question asked again from the facts its lookups kept; a new lookup from the relation as
    // the log says it stood (i100 designed two chips then, three now), read for that question;
    // later questions read the relation whole, in that state too.
    runOk(*openEngine(folder.db()), "designs(i100, i10).");
    CHECK(rows(*reader, question) == before);
    CHECK(rows(*reader, "? designs(i100, C).").size() == 2);
    CHECK(pending(*reader, "designs"));
    CHECK(rows(*reader, R"(? named(C, "n11", _), designs(F, C).)").size() == 2);
    CHECK_FALSE(pending(*reader, "designs"));
    CHECK(rows(*reader, "? designs(F, i10).").size() == 2);

    // A fresh session looks the new fact up (the writer's commit built the indexes again:
    // one fact is less than an eighth, so they were dropped and designs is read whole).
    std::unique_ptr<Engine> fresh = openEngine(folder.db());
    CHECK(rows(*fresh, question).size() == 3);
    CHECK_FALSE(pending(*fresh, "designs"));
    CHECK(pending(*fresh, "named"));

    // Own writes: the session's cache is dropped, and the retracted fact is gone.
    runOk(*fresh, "retract designs(i100, i10).");
    CHECK(rows(*fresh, question) == before);
    std::unique_ptr<Engine> after = openEngine(folder.db());
    CHECK(rows(*after, question) == before);
}

TEST_CASE("a keyed relation is never read by lookups", "[engine][paged]") {
    TempFolder folder;
    load(folder);
    std::unique_ptr<Engine> writer = openEngine(folder.db());
    std::string facts;
    for (int i = 1; i <= kItems; ++i)
        facts += "owner(i" + std::to_string(i) + ", i" + std::to_string(kItems + 1 - i) + ").\n";
    runOk(*writer, facts);
    std::unique_ptr<Engine> reader = openEngine(folder.db());
    CHECK(rows(*reader, "? owner(i5, F).").size() == 1);
    CHECK_FALSE(pending(*reader, "owner"));
}

TEST_CASE("an import of an eighth of a relation builds its indexes again from the stored facts",
          "[engine][paged]") {
    TempFolder folder;
    load(folder);
    {
        std::ofstream more(folder.file("more.csv"));
        more << "firm,chip\n";
        for (int i = 1; i <= 1300; ++i) // designs holds 10 000: 1 300 is more than an eighth
            more << "i" << i << ",i" << (i * 7) % kItems + 1 << "\n";
    }
    runOk(*openEngine(folder.db()), "import designs from \"" + folder.file("more.csv") + "\".");
    std::unique_ptr<Engine> whole = openEngine(folder.db(), true);
    std::unique_ptr<Engine> paged = openEngine(folder.db());
    for (const char* question : {R"(? designs(F, i71), named(F, N, _).)", R"(? designs(i10, C).)",
                                 R"(? named(C, "n50", _), designs(F, C).)"}) {
        INFO(question);
        CHECK(rows(*paged, question) == rows(*whole, question));
    }
    CHECK(rows(*paged, R"(? designs(F, i71).)").size() == 3);
    CHECK(pending(*paged, "designs"));
}

TEST_CASE("a claim left out is noted once though the relation is read whole mid-question",
          "[engine][paged]") {
    TempFolder folder;
    load(folder);
    // 200 sourced facts, reported in 2019, naming 100 chips twice each: `named` (no report
    // dates: left out `known at` a date) is looked up by chip, then read whole after 79
    // lookups (a 64th of its 5 000 facts); the second 100 rows find the same claims there.
    std::string facts = "relation cites(firm: Item, chip: Item) timeless.\n"
                        "source s1 \"S\" published 2019-01-01.\n";
    for (int k = 0; k < 200; ++k)
        facts += "cites(i" + std::to_string(k / 100 + 1) + ", i" + std::to_string(k % 100 + 2) +
                 ") per s1.\n";
    runOk(*openEngine(folder.db()), facts);
    std::unique_ptr<Engine> whole = openEngine(folder.db(), true);
    std::unique_ptr<Engine> paged = openEngine(folder.db());
    const char* question = "? cites(F, C), named(C, N, K) known at 2020-01-01.";
    std::vector<std::vector<std::string>> answer = rows(*paged, question);
    CHECK_FALSE(pending(*paged, "named"));
    CHECK(answer == rows(*whole, question));
    REQUIRE(answer.size() == 1); // no rows, one note
    CHECK(answer[0].at(0).find("100 claims without a report date") == 0);
}
