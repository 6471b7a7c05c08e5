#pragma once
// Applies bound statements inside an open transaction: declarations and facts go to the store
// and to the in-memory facts, queries are planned and evaluated. Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"
#include "eval/fact_base.h"
#include "store/store.h"

namespace chipgraph::engine {

class Executor {
public:
    Executor(store::Store& store, const schema::Catalog& catalog, eval::FactBase& facts,
             Outcome& outcome, const std::atomic<bool>* cancel)
        : store_(store), catalog_(catalog), facts_(facts), outcome_(outcome), cancel_(cancel) {}

    // Executes one statement; a store failure becomes an error Status.
    Status execute(const bind::BoundStatement& statement);

private:
    Status declareEntity(const bind::DeclareEntity& declaration);
    Status addFact(const schema::Fact& fact);
    Status retract(const bind::RetractFact& retract);
    Status query(const bind::BoundQuery& query);

    store::Store& store_;
    const schema::Catalog& catalog_;
    eval::FactBase& facts_;
    Outcome& outcome_;
    const std::atomic<bool>* cancel_;
};

} // namespace chipgraph::engine
