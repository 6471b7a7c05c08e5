// The closure by search (eval/closure_search.cpp): a linear closure over edges that all hold on
// the same days with the same status is found by one search per kept value. On random worlds
// where that holds, and where it holds only for some premises (seeds and edges on different
// days or statuses: the search must step aside), answers equal the naive fixpoint's.
#include "engine/engine_testing.h"
#include "engine/render.h"
#include "support/answer_csv.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace chipgraph;

namespace {

// How one relation's facts are stated: all alike (the search applies) or mixed.
const char* const kStyles[] = {"", " expected", " during 2020..2025", " in 2030 rumored"};

std::string randomWorld(std::mt19937& rng, int nodes, int edges, int round) {
    std::ostringstream out;
    out << "type N.\nrelation e(a: N, b: N, w: number).\nrelation f(a: N, b: N).\n"
        << "source s1 \"one\" published 2024.\nentity ";
    for (int i = 0; i < nodes; ++i)
        out << (i ? ", " : "") << "n" << i;
    out << ": N.\n";
    std::uniform_int_distribution<int> node(0, nodes - 1), weight(0, 3), style(0, 3);
    // Round by round: e and f each uniform in one of the styles, or (every fourth) e mixed.
    const char* eStyle = kStyles[round % 4];
    const char* fStyle = kStyles[(round / 4) % 4];
    bool mixed = round % 7 == 6;
    for (int k = 0; k < edges; ++k)
        out << "e(n" << node(rng) << ", n" << node(rng) << ", " << weight(rng) << ")"
            << (mixed ? kStyles[style(rng)] : eStyle) << " per s1.\n";
    for (int k = 0; k < edges / 3; ++k)
        out << "f(n" << node(rng) << ", n" << node(rng) << ")" << fStyle << " per s1.\n";
    return out.str();
}

const char* const kPrograms[] = {
    // right-linear, the edges' third column blank
    "rule r(A, B) :- e(A, B, _).\nrule r(A, C) :- e(A, B, _), r(B, C).\n",
    // left-linear, the third column a variable used once
    "rule r(A, B) :- e(A, B, _).\nrule r(A, C) :- r(A, B), e(B, C, W).\n",
    // seeds from another relation (its days and status may differ from the edges')
    "rule r(A, B) :- f(A, B).\nrule r(A, C) :- e(A, B, _), r(B, C).\n",
    // seeds from both
    "rule r(A, B) :- f(A, B).\nrule r(A, C) :- e(A, B, _), r(B, C).\n"
    "rule r(A, B) :- e(A, B, 0).\n",
    // not of the shape: the edges filtered by a variable used twice
    "rule r(A, B) :- e(A, B, _).\nrule r(A, C) :- e(A, B, W), r(B, C), W > 1.\n",
};
constexpr int kProgramCount = static_cast<int>(std::size(kPrograms));

} // namespace

TEST_CASE("a closure by search agrees with the naive fixpoint", "[eval][rules][property]") {
    std::mt19937 rng(20261207);
    for (int round = 0; round < 40; ++round) {
        std::string text = randomWorld(rng, 6 + round % 7, 8 + 2 * round, round) +
                           kPrograms[round % kProgramCount] +
                           "rule n(A, count(B)) :- r(A, B), A != B.\n"
                           "rule total(sum(K)) :- n(A, K).\n";
        auto opened = engine::Engine::open(":memory:");
        REQUIRE(opened.isOk());
        engine::Engine& engine = *opened.value();
        REQUIRE(engine.run(text).ok());
        INFO("round " << round << "\n" << text);
        for (const char* question :
             {"? r(A, B).", "? n(A, K).", "? total(T).", "? r(A, B) as of 2022.", "? r(n0, B)."}) {
            INFO(question);
            engine::EngineTesting::setStrategy(engine, {.naive = true});
            std::string naive = testing::answerCsv(engine, question);
            engine::EngineTesting::setStrategy(engine, {});
            CHECK(testing::answerCsv(engine, question) == naive);
        }
    }
}
