// Property test: on randomised programs (random dated, sourced edges; recursive, mutually
// recursive, non-linear and negated rules), semi-naive evaluation gives exactly the answers of
// the naive fixpoint, and demand-driven evaluation (the magic-set rewrite for queries with
// constants) gives exactly the answers of full evaluation: same tuples, validities, statuses
// and sources.
#include "engine/engine_testing.h"
#include "engine/render.h"
#include "eval/rule_engine.h"
#include "support/answer_csv.h"
#include "support/rule_rows.h"

#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <sstream>

using namespace chipgraph;

namespace {

const char* const kStatuses[] = {"actual", "expected", "rumored"};

std::string randomWorld(std::mt19937& rng, int nodes, int edges) {
    std::ostringstream out;
    out << "type N.\nrelation e(a: N, b: N).\n";
    out << "source s1 \"one\" published 2024.\nsource s2 \"two\" published 2025-06.\n";
    out << "entity ";
    for (int i = 0; i < nodes; ++i)
        out << (i ? ", " : "") << "n" << i;
    out << ": N.\n";
    std::uniform_int_distribution<int> node(0, nodes - 1), year(2015, 2030), len(0, 6),
        status(0, 2), source(1, 2), shape(0, 3);
    for (int k = 0; k < edges; ++k) {
        int from = year(rng);
        out << "e(n" << node(rng) << ", n" << node(rng) << ")";
        switch (shape(rng)) {
        case 0:
            out << " during " << from << ".." << from + len(rng);
            break;
        case 1:
            out << " from " << from;
            break;
        case 2:
            out << " until " << from;
            break;
        default:
            break; // always
        }
        out << " per s" << source(rng) << " " << kStatuses[status(rng)] << ".\n";
    }
    return out.str();
}

const char* const kPrograms[] = {
    // linear transitive closure
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- e(A, B), r(B, C).\n",
    // non-linear closure
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), r(B, C).\n",
    // mutual recursion: paths of odd and even length
    "rule odd(A, B) :- e(A, B).\nrule even(A, C) :- e(A, B), odd(B, C).\n"
    "rule odd(A, C) :- e(A, B), even(B, C).\nrule r(A, B) :- odd(A, B).\n",
    // negation of a lower stratum, then recursion over the result
    "rule p(A, C) :- e(A, B), e(B, C).\nrule q(A, B) :- e(A, B), not p(A, B).\n"
    "rule r(A, B) :- q(A, B).\nrule r(A, C) :- q(A, B), r(B, C).\n",
    // left-linear closure, and a non-recursive rule over it with a constant in the head
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), e(B, C).\n"
    "rule s(A, n0) :- r(A, B), e(B, n0).\n",
    // right-linear closure with a constant in one recursive rule and a comparison in another
    "rule r(A, B) :- e(A, B).\nrule r(n1, C) :- e(n1, B), r(B, C).\n"
    "rule r(A, C) :- e(A, B), r(B, C), A != n2.\n",
};
constexpr int kProgramCount = static_cast<int>(std::size(kPrograms));

// Distinct (A, B, status) among CSV answers "A,B,valid,status,...": the derived tuples.
size_t distinctTuples(const std::string& csv) {
    std::set<std::string> tuples;
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line); // header
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');)
            fields.push_back(cell);
        REQUIRE(fields.size() >= 4);
        tuples.insert(fields[0] + "," + fields[1] + "," + fields[3]);
    }
    return tuples.size();
}

// An engine holding random round `round`'s world and one of the programs.
std::unique_ptr<engine::Engine> randomEngine(std::mt19937& rng, int round, std::string& text) {
    text = randomWorld(rng, 8 + round % 5, 10 + 2 * round) + kPrograms[round % kProgramCount];
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    REQUIRE(engine.value()->run(text).ok());
    return std::move(engine.value());
}

void setStrategy(engine::Engine& engine, const engine::EvaluationStrategy& strategy) {
    engine::EngineTesting::setStrategy(engine, strategy);
}

void setThreads(engine::Engine& engine, int threads) {
    engine::EngineOptions options = engine.options();
    options.threads = threads;
    engine.setOptions(options);
}

// Every row of `relation` evaluated without provenance (as `materialize` does: the pair-shaped
// closure loop, eval/body_join_pairs.h, runs only then), with its status and validity, sorted.
std::vector<std::string> derivedRows(const engine::Engine& engine, const std::string& relation,
                                     bool naive, size_t partRows, int threads) {
    eval::RuleEvalOptions options;
    options.trackProvenance = false;
    options.naive = naive;
    options.partRows = partRows;
    options.threads = threads;
    return testing::evaluatedRows(engine, relation, options);
}

} // namespace

TEST_CASE("semi-naive evaluation agrees with the naive fixpoint on random programs",
          "[eval][rules][property]") {
    std::mt19937 rng(20261128);
    for (int round = 0; round < 24; ++round) {
        std::string text;
        auto engine = randomEngine(rng, round, text);
        INFO("round " << round << "\n" << text);
        for (const char* question : {"? r(A, B).", "? r(A, B) as of 2022.",
                                     "? r(A, B) known at 2024-12-31.", "? r(n0, B)."}) {
            INFO(question);
            setStrategy(*engine, {.naive = true});
            std::string naive = testing::answerCsv(*engine, question);
            setStrategy(*engine, {});
            CHECK(testing::answerCsv(*engine, question) == naive);
            // Linear closures in parts of a few facts, on one thread and on three.
            setStrategy(*engine, {.partRows = 3});
            for (int threads : {1, 3}) {
                INFO("parts of 3 facts, " << threads << " threads");
                setThreads(*engine, threads);
                CHECK(testing::answerCsv(*engine, question) == naive);
            }
            setStrategy(*engine, {});
            setThreads(*engine, 0);
        }
        // Without provenance (batched inserts; a closure in parts by the pair-shaped loop): the
        // same rows, statuses and validities as the naive fixpoint.
        std::vector<std::string> naiveRows = derivedRows(*engine, "r", true, 0, 1);
        CHECK(derivedRows(*engine, "r", false, 0, 1) == naiveRows);
        CHECK(derivedRows(*engine, "r", false, 3, 1) == naiveRows);
        CHECK(derivedRows(*engine, "r", false, 3, 3) == naiveRows);
        // `materialize` (no provenance: batched, prefetched inserts) derives the same tuples.
        auto materialized = engine->materialize("r");
        REQUIRE(materialized.isOk());
        size_t tuples = distinctTuples(testing::answerCsv(*engine, "? r(A, B)."));
        CHECK(materialized.value().facts == tuples);
        setStrategy(*engine, {.partRows = 3});
        setThreads(*engine, 2);
        materialized = engine->materialize("r");
        REQUIRE(materialized.isOk());
        CHECK(materialized.value().facts == tuples);
        setStrategy(*engine, {});
        setThreads(*engine, 0);
    }
}

TEST_CASE("demand-driven evaluation agrees with full evaluation on random programs",
          "[eval][rules][property]") {
    std::mt19937 rng(20261129);
    for (int round = 0; round < 30; ++round) {
        std::string text;
        auto engine = randomEngine(rng, round, text);
        INFO("round " << round << "\n" << text);
        std::vector<std::string> questions = {
            "? r(n0, B).", "? r(A, n1).", "? r(n0, n1).", "? r(n2, B) as of 2022.",
            "? r(A, n3) known at 2024-12-31.", "? r(n0, B), r(B, n1).", "? r(n1, B), r(B, C).",
            "? r(n1, B), not e(B, n0).", "? r(A, A).", "? e(n0, B), r(B, n2).",
            // demand passed sideways through the join
            "? e(n0, B), r(B, C).", "? e(A, n1), r(B, A), B != n0.",
            "? r(n1, B), r(B, C), not e(C, n0).", "? e(n2, B), r(B, C), r(C, D) as of 2022."};
        if (round % kProgramCount == 4) questions.push_back("? s(A, n0).");
        // The rewrite is really used (the plan names the restricted copy and its demand).
        engine::Outcome explained = engine->run("explain ? r(n0, B).");
        REQUIRE(explained.ok());
        CHECK(explained.results.at(0).asTable()->plan.find("demand_r[bf](n0)") !=
              std::string::npos);
        explained = engine->run("explain ? e(n0, B), r(B, C).");
        REQUIRE(explained.ok());
        CHECK(explained.results.at(0).asTable()->plan.find("demand_r[bf](B) :- e(n0, B)") !=
              std::string::npos);
        for (const std::string& question : questions) {
            setStrategy(*engine, {});
            std::string demand = testing::answerCsv(*engine, question);
            setStrategy(*engine, {.demand = false});
            std::string full = testing::answerCsv(*engine, question);
            INFO(question);
            CHECK(demand == full);
        }
    }
}

TEST_CASE("a recursive rule's answers match a hand-computed closure", "[eval][rules]") {
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    REQUIRE(engine.value()
                ->run("type N.\nrelation e(a: N, b: N).\nentity a, b, c, d: N.\n"
                      "e(a, b) during 2020..2022.\ne(b, c) during 2021..2023.\ne(c, d).\n"
                      "e(d, a) in 2030.\n"
                      "rule r(X, Y) :- e(X, Y).\nrule r(X, Z) :- e(X, Y), r(Y, Z).\n")
                .ok());
    // a reaches d only while a->b and b->c both hold: 2021..2022.
    CHECK(testing::answerCsv(*engine.value(), "? r(a, d).") == "valid,status,source,reported\r\n"
                                                               "2021..2022,actual,,\r\n");
    // The cycle through d->a holds only in 2030, when a->b does not: a never reaches itself.
    CHECK(testing::answerCsv(*engine.value(), "? r(a, a).") == "valid,status,source,reported\r\n");
    CHECK(testing::answerCsv(*engine.value(), "? r(d, d).") == "valid,status,source,reported\r\n");
}

TEST_CASE("demand-driven evaluation with arithmetic binding a head variable", "[eval][rules]") {
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    REQUIRE(engine.value()
                ->run("type N.\nrelation start(n: number).\nstart(1) during 2020..2024.\n"
                      "rule step(X) :- start(X).\n"
                      "rule step(Y) :- step(X), X < 6, Y = X + 1.\n"
                      "rule twice(X, Y) :- step(X), Y = X * 2.\n")
                .ok());
    for (const char* question :
         {"? step(4).", "? step(9).", "? twice(3, Y).", "? twice(X, 8).", "? twice(3, 7)."}) {
        setStrategy(*engine.value(), {});
        std::string demand = testing::answerCsv(*engine.value(), question);
        setStrategy(*engine.value(), {.demand = false});
        std::string full = testing::answerCsv(*engine.value(), question);
        INFO(question);
        CHECK(demand == full);
    }
    setStrategy(*engine.value(), {});
    CHECK(testing::answerCsv(*engine.value(), "? twice(X, 8).") ==
          "X,valid,status,source,reported\r\n"
          "4,2020..2024,actual,,\r\n");
}
