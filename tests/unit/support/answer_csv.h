#pragma once
// Test support for the rule-evaluation tests: one question's answer as the CLI renders it in
// CSV, for comparing evaluation strategies with each other.
#include "engine/engine.h"
#include "engine/render.h"

#include <catch2/catch.hpp>

#include <string>

namespace chipgraph::testing {

inline std::string answerCsv(engine::Engine& engine, const std::string& question) {
    engine::Outcome outcome = engine.run(question);
    REQUIRE(outcome.ok());
    REQUIRE(outcome.results.size() == 1);
    return engine::renderResult(outcome.results[0], exporter::Format::Csv, false);
}

} // namespace chipgraph::testing
