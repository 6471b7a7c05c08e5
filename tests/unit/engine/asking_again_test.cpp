// Asking the same text again reuses its bound form (engine/question_cache.h) only while what
// binding read is unchanged: the session's defaults (`.asof`, `.knownat`, `.prefer`), which no
// golden file can change between two questions. tests/golden/language/asking_again.test has
// the cases statements can say (facts, rules, names, errors).
#include "engine/engine_testing.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using engine::Engine;
using engine::EngineTesting;

namespace {

const char* const kWorld = R"(
type Firm.
type Chip.
relation designs(firm: Firm, chip: Chip) key (chip).
source early "Early note" published 2025-06.
source late "Late report" published 2026-02.
entity Alfa, Bravo: Firm.
entity Xa: Chip.
Alfa designs Xa in 2025 per early.
Bravo designs Xa in 2025 per late.
Alfa designs Xa in 2027 per early.
)";

const char* const kQuestion = "? designs(F, Xa).";

std::unique_ptr<Engine> world() {
    Result<std::unique_ptr<Engine>> opened = Engine::open(":memory:");
    REQUIRE(opened.isOk());
    std::unique_ptr<Engine> engine = std::move(opened).value();
    engine::Outcome loaded = engine->run(kWorld);
    INFO(loaded.renderDiagnostics());
    REQUIRE(loaded.ok());
    return engine;
}

// The answer's rows as "firm valid source" lines.
std::vector<std::string> ask(Engine& engine) {
    engine::Outcome outcome = engine.run(kQuestion);
    INFO(outcome.renderDiagnostics());
    REQUIRE(outcome.ok());
    std::vector<std::string> rows;
    for (const auto& row : outcome.results.at(0).asTable()->table.rows)
        rows.push_back(row[0].text + " " + row[1].text + " " + row[3].text);
    return rows;
}

} // namespace

TEST_CASE("asking again reuses the bound question") {
    auto engine = world();
    uint64_t before = EngineTesting::questionsReused(*engine);
    std::vector<std::string> first = ask(*engine);
    CHECK(ask(*engine) == first);
    CHECK(EngineTesting::questionsReused(*engine) == before + 1);
}

TEST_CASE("a default set to what it was keeps the bound question") {
    auto engine = world();
    ask(*engine);
    REQUIRE(engine->setDefaultPolicy(std::nullopt).isOk());
    REQUIRE(engine->setDefaultAsOf(std::nullopt).isOk());
    uint64_t before = EngineTesting::questionsReused(*engine);
    ask(*engine);
    CHECK(EngineTesting::questionsReused(*engine) == before + 1);
}

TEST_CASE("a changed default policy applies to a question asked before") {
    auto engine = world();
    CHECK(ask(*engine) ==
          std::vector<std::string>{"Alfa 2025 early", "Alfa 2027 early", "Bravo 2025 late"});
    REQUIRE(engine->setDefaultPolicy("latest").isOk());
    CHECK(ask(*engine) == std::vector<std::string>{"Alfa 2027 early", "Bravo 2025 late"});
    REQUIRE(engine->setDefaultPolicy("early, late").isOk());
    CHECK(ask(*engine) == std::vector<std::string>{"Alfa 2025 early", "Alfa 2027 early"});
    REQUIRE(engine->setDefaultPolicy("late, early").isOk());
    CHECK(ask(*engine) == std::vector<std::string>{"Alfa 2027 early", "Bravo 2025 late"});
}

TEST_CASE("a changed default date applies to a question asked before") {
    auto engine = world();
    ask(*engine);
    REQUIRE(engine->setDefaultAsOf("2027").isOk());
    CHECK(ask(*engine) == std::vector<std::string>{"Alfa 2027 early"});
    REQUIRE(engine->setDefaultAsOf(std::nullopt).isOk());
    REQUIRE(engine->setDefaultKnownAt("2025-12").isOk());
    CHECK(ask(*engine) == std::vector<std::string>{"Alfa 2025 early", "Alfa 2027 early"});
    REQUIRE(engine->setDefaultKnownAt(std::nullopt).isOk());
    CHECK(ask(*engine).size() == 3);
}
