// The session's cache of loaded base tables (eval/base_cache.h) must never serve stale facts:
// every change to a relation — a new fact, a retraction, an import, a reopened database —
// shows in the next question, and a failed unit leaves the answers as they were.
#include "engine/engine.h"
#include "engine/render.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

std::string csv(engine::Engine& engine, const std::string& question) {
    engine::Outcome outcome = engine.run(question);
    REQUIRE(outcome.ok());
    REQUIRE(outcome.results.size() == 1);
    return engine::renderResult(outcome.results[0], exporter::Format::Csv, false);
}

const char* const kWorld = "type N.\nrelation e(a: N, b: N).\nentity a, b, c, d: N.\n"
                           "e(a, b) from 2000.\ne(b, c) during 2020..2022.\n"
                           "rule r(X, Y) :- e(X, Y).\nrule r(X, Z) :- e(X, Y), r(Y, Z).\n";

} // namespace

TEST_CASE("cached base tables follow every change to the facts", "[engine][cache]") {
    auto opened = engine::Engine::open(":memory:");
    REQUIRE(opened.isOk());
    engine::Engine& engine = *opened.value();
    REQUIRE(engine.run(kWorld).ok());
    const std::string header = "Y,valid,status,source,reported\r\n";
    CHECK(csv(engine, "? r(a, Y).") == header + "b,2000..,actual,,\r\nc,2020..2022,actual,,\r\n");

    REQUIRE(engine.run("e(c, d) from 2021.").ok());
    CHECK(csv(engine, "? r(a, Y).") ==
          header + "b,2000..,actual,,\r\nc,2020..2022,actual,,\r\nd,2021..2022,actual,,\r\n");

    REQUIRE(engine.run("retract e(b, c) during 2020..2022.").ok());
    CHECK(csv(engine, "? r(a, Y).") == header + "b,2000..,actual,,\r\n");

    // A unit that fails after adding a fact adds nothing, in the cache as in the store.
    CHECK_FALSE(engine.run("e(b, d).\n? nosuch(X).").ok());
    CHECK(csv(engine, "? r(a, Y).") == header + "b,2000..,actual,,\r\n");

    // Different windows are different tables, and the window still applies to the premises.
    REQUIRE(engine.run("e(b, d) during 2010..2012.").ok());
    CHECK(csv(engine, "? r(a, Y) as of 2011.") ==
          header + "b,2000..,actual,,\r\nd,2010..2012,actual,,\r\n");
    CHECK(csv(engine, "? r(a, Y) as of 2015.") == header + "b,2000..,actual,,\r\n");
    CHECK(csv(engine, "? r(a, Y) as of 2011.") ==
          header + "b,2000..,actual,,\r\nd,2010..2012,actual,,\r\n");
}
