#pragma once
// Hooks for tests and benchmarks only: they reach past the front door (engine.h) to compare
// evaluation strategies and to evaluate rules over the engine's base facts directly.
#include "engine/engine.h"
#include "engine/question_cache.h"
#include "eval/fact_base.h"

namespace chipgraph::engine {

struct EngineTesting {
    static void setStrategy(Engine& engine, const EvaluationStrategy& strategy) {
        engine.strategy_ = strategy;
    }
    static const EvaluationStrategy& strategy(const Engine& engine) { return engine.strategy_; }
    // The base facts rule evaluation reads.
    static const eval::FactBase& facts(const Engine& engine) { return *engine.facts_; }
    // How many units came from the session's question cache (question_cache.h).
    static uint64_t questionsReused(const Engine& engine) { return engine.questions_->hits(); }
    // How many facts the session's lookups on disk hold (paged_lookups.h).
    static size_t factsReadByLookups(const Engine& engine); // engine.cpp
};

} // namespace chipgraph::engine
