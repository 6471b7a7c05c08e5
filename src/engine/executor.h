#pragma once
// Applies bound statements inside an open transaction: declarations and facts go to the store
// and to the in-memory facts, queries are planned and evaluated. Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"
#include "engine/scenario.h"
#include "eval/fact_base.h"
#include "eval/rule_engine.h"
#include "store/store.h"

namespace chipgraph::engine {

class Executor {
public:
    // `scenarios`: the session's what-if scenarios, to which the unit's declarations are added
    // (the caller keeps them only if the unit succeeds).
    Executor(store::Store& store, schema::Catalog& catalog, eval::FactBase& facts,
             const RuleSet& rules, Scenarios& scenarios, Outcome& outcome,
             const std::atomic<bool>* cancel)
        : store_(store), catalog_(catalog), facts_(facts), rules_(rules), scenarios_(scenarios),
          outcome_(outcome), cancel_(cancel) {}

    // How rules are evaluated (limits, naive, kept base tables); each question adds its window,
    // `known at` and the cancel flag. `demand`: evaluate constants on demand (plan/demand.h).
    void setRuleOptions(const eval::RuleEvalOptions& options, bool demand) {
        ruleOptions_ = options;
        demand_ = demand;
    }

    // Executes one statement; a store failure becomes an error Status.
    Status execute(const bind::BoundStatement& statement);

private:
    Status declareEntity(const bind::DeclareEntity& declaration);
    Status addFact(const schema::Fact& fact);
    Status retract(const bind::RetractFact& retract);
    Status query(const bind::BoundQuery& query);
    Result<TableAnswer> answer(const bind::BoundQuery& query, const eval::FactBase& facts);
    Status why(const bind::BoundQuery& query);
    // The facts as the query's scenarios would have them (nullptr: none asked, use facts_), and
    // the note saying so; an unknown scenario is an error.
    Result<std::unique_ptr<eval::FactBase>> scenarioFacts(const bind::BoundQuery& query,
                                                          std::string& note);
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
    Scenarios& scenarios_;
    Outcome& outcome_;
    const std::atomic<bool>* cancel_;
    eval::RuleEvalOptions ruleOptions_;
    std::vector<std::pair<size_t, bind::RunDiagram>> diagrams_;
    bool demand_ = true;
};

} // namespace chipgraph::engine
