#pragma once
// Applies bound statements inside an open transaction: declarations and facts go to the store
// and to the in-memory facts, queries are planned and evaluated. Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"
#include "eval/fact_base.h"
#include "eval/rule_engine.h"
#include "store/store.h"

namespace chipgraph::engine {

class Executor {
public:
    Executor(store::Store& store, schema::Catalog& catalog, eval::FactBase& facts,
             const RuleSet& rules, Outcome& outcome, const std::atomic<bool>* cancel)
        : store_(store), catalog_(catalog), facts_(facts), rules_(rules), outcome_(outcome),
          cancel_(cancel) {}

    void setNaive(bool naive) { naive_ = naive; }
    void setDemand(bool demand) { noDemand_ = !demand; }
    void setCache(eval::BaseTableCache* cache) { cache_ = cache; }
    void setRuleLimits(size_t maxDerivedFacts, std::chrono::milliseconds timeLimit) {
        maxDerivedFacts_ = maxDerivedFacts;
        timeLimit_ = timeLimit;
    }

    // Executes one statement; a store failure becomes an error Status.
    Status execute(const bind::BoundStatement& statement);

private:
    Status declareEntity(const bind::DeclareEntity& declaration);
    Status addFact(const schema::Fact& fact);
    Status retract(const bind::RetractFact& retract);
    Status query(const bind::BoundQuery& query);
    Status why(const bind::BoundQuery& query);
    Status import(const bind::RunImport& request);
    Status diagram(const bind::RunDiagram& request);

public:
    // Diagrams are drawn once the unit has committed: (index in outcome.results, request).
    const std::vector<std::pair<size_t, bind::RunDiagram>>& diagrams() const { return diagrams_; }

private:
    Status declareRule(const bind::DeclareRule& declaration);
    eval::RuleEvalOptions ruleOptions(const bind::BoundQuery& query) const;

    store::Store& store_;
    schema::Catalog& catalog_; // the unit's catalog: imports may create entities
    eval::FactBase& facts_;
    const RuleSet& rules_;
    Outcome& outcome_;
    const std::atomic<bool>* cancel_;
    size_t maxDerivedFacts_ = 50'000'000;
    std::chrono::milliseconds timeLimit_{0};
    std::vector<std::pair<size_t, bind::RunDiagram>> diagrams_;
    bool naive_ = false;
    bool noDemand_ = false;
    eval::BaseTableCache* cache_ = nullptr;
};

} // namespace chipgraph::engine
