// Property test: a stratum whose premises all hold one provenance (facts of one source, or of
// none) runs without tracking provenance per derivation, stores it once per table, and counts
// without rows when every match holds on the same days (eval/aggregate_count.cpp). On random
// worlds of that kind, every derived row (cells, status, validity, sources, first known) is
// the one per-derivation tracking gives.
#include "engine/engine_testing.h"
#include "eval/rule_engine.h"
#include "support/rule_rows.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace chipgraph;

namespace {

// Edges of one source (or none) and one status; undated (timeless `e`: every row always, so
// counts go without rows), dated alike, or dated at random.
std::string uniformWorld(std::mt19937& rng, int round) {
    std::ostringstream out;
    out << "type N.\nsource s1 \"one\" published 2024-03.\n";
    out << "relation e(a: N, b: N)" << (round % 3 == 0 ? " timeless" : "") << ".\n";
    out << "relation f(a: N, b: N).\n";
    int nodes = 6 + round % 7;
    out << "entity ";
    for (int i = 0; i < nodes; ++i)
        out << (i ? ", " : "") << "n" << i;
    out << ": N.\n";
    std::uniform_int_distribution<int> node(0, nodes - 1), year(2015, 2030);
    const char* clause = round % 2 ? " per s1" : "";
    const char* status = round % 4 == 1 ? " rumored" : "";
    for (int k = 0; k < 8 + 2 * round; ++k) {
        out << "e(n" << node(rng) << ", n" << node(rng) << ")";
        if (round % 3 == 1) out << " during 2020..2024";
        if (round % 3 == 2) out << " from " << year(rng);
        out << clause << status << ".\n";
    }
    // Facts of another source: rules over both track provenance per derivation.
    out << "source s2 \"two\" published 2025.\nf(n0, n1) per s2.\n";
    return out.str();
}

const char* const kPrograms[] = {
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- e(A, B), r(B, C).\n"
    "rule c(A, count(B)) :- r(A, B), A != B.\nrule t(count(A)) :- c(A, N).\n",
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- r(A, B), r(B, C).\n"
    "rule c(B, count(A)) :- r(A, B).\nrule t(n0, count(B)) :- r(n0, B).\n",
    "rule r(A, B) :- e(A, B).\nrule r(A, C) :- e(A, B), r(B, C).\n"
    "rule c(A, count(B)) :- r(A, B), f(A, X).\nrule t(count(B)) :- r(A, B), not e(A, B).\n",
};

// Every row of `relation`, with status, validity and provenance, sorted.
std::vector<std::string> rowsOf(const engine::Engine& engine, const std::string& relation,
                                bool share) {
    eval::RuleEvalOptions options;
    options.shareProvenance = share;
    return testing::evaluatedRows(engine, relation, options);
}

} // namespace

TEST_CASE("one shared provenance gives the rows that tracking it per derivation gives",
          "[eval][rules][property]") {
    std::mt19937 rng(20261207);
    for (int round = 0; round < 36; ++round) {
        std::string text = uniformWorld(rng, round) + kPrograms[round % std::size(kPrograms)];
        auto opened = engine::Engine::open(":memory:");
        REQUIRE(opened.isOk());
        engine::Engine& engine = *opened.value();
        INFO("round " << round << "\n" << text);
        REQUIRE(engine.run(text).ok());
        for (const char* relation : {"r", "c", "t"}) {
            INFO(relation);
            CHECK(rowsOf(engine, relation, true) == rowsOf(engine, relation, false));
        }
    }
}
