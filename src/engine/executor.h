#pragma once
// Applies bound statements inside an open transaction: declarations and facts go to the store
// and to the in-memory facts, queries are planned and evaluated. Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"
#include "engine/scenario.h"
#include "eval/claim_keys.h"
#include "eval/fact_base.h"
#include "eval/query_eval.h"
#include "eval/rule_engine.h"
#include "store/store.h"

namespace chipgraph::engine {

class PageCache;

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

    // The log entry this unit writes under (retractions name it; 0: none is open).
    void setLogEntry(int64_t entry) { logEntry_ = entry; }

    // Whether answers' bases get a fingerprint (EngineOptions::fingerprints).
    void setFingerprints(bool on) { fingerprints_ = on; }
    // The session's lookups on disk (paged_lookups.h; null: questions read relations whole).
    void setPageCache(PageCache* pages) { pages_ = pages; }

    // Executes one statement; a store failure becomes an error Status.
    Status execute(const bind::BoundStatement& statement);

private:
    Status declareEntity(const bind::DeclareEntity& declaration);
    Status addFact(const schema::Fact& fact);
    Status retract(const bind::RetractFact& retract, const SourceSpan& span);
    Status runQuery(const bind::RunQuery& run);
    // What a question reads when not the engine's catalog and rules: a query's own rules (a
    // head), or the rules recorded at a past day (`recorded at`).
    struct Context {
        const schema::Catalog& catalog;
        const RuleSet& rules;
        bool recorded = false;
    };
    // Every question goes this one way (docs/architecture.md): over the facts and rules of
    // now or of `recorded at`, and its own rules' (a head), answered by answerTable.
    Status query(const bind::BoundQuery& query, std::optional<Context> local = std::nullopt);
    // The answer over `facts`: the facts its scenarios would have (`under`), the claims its
    // policy keeps (`prefer`; all by default), the `conflict` column when it reads keyed
    // relations; or what changed between two such answers (`diff known at`, `diff as of`,
    // `diff under`: answer_diff.h).
    Result<Table> answerTable(const bind::BoundQuery& query, const eval::FactBase& facts,
                              const Context* context, std::string* plan = nullptr);
    // The answers to `query` over `facts` (the engine's, those a policy keeps, or those
    // recorded at a past day), with the variables' values row for row when `withBindings`.
    Result<eval::QueryAnswers> answer(const bind::BoundQuery& query, const eval::FactBase& facts,
                                      bool withBindings, std::string* plan = nullptr,
                                      const Context* context = nullptr);
    Status blame(const bind::BoundQuery& query);
    // executor_time.cpp: policies, conflict marks, diffs, history and conflicts (docs/time.md)
    Result<Table> policyAnswer(const bind::BoundQuery& query, const eval::FactBase& facts,
                               const Context* context, std::string* plan);
    Result<Table> diffAnswer(const bind::BoundQuery& query, const eval::FactBase& facts,
                             const Context* context);
    // derived_marks.cpp: per row of `table` (the answer over `used`), the strongest mark of the
    // keyed claims upstream of its derived atoms that it rests on; nullopt when the query reads
    // no derived relation over a keyed one.
    Result<std::optional<std::vector<eval::ClaimGroups::Mark>>>
    derivedMarks(const bind::BoundQuery& query, const Table& table, const eval::FactBase& used,
                 const eval::FactBase& all, const Context* context);
    Status listClaims(const bind::ListClaims& request);
    Result<Table> derivedHistory(const bind::BoundQuery& query, const eval::FactBase& facts,
                                 const Context* context);
    Status listChanges(const bind::ListChanges& request);
    Status judge(const bind::DeclareJudgement& judgement);
    Status why(const bind::BoundQuery& query);
    // `facts` as the query's scenarios would have them (nullptr: none asked, use `facts`), and
    // the note saying so; an unknown scenario is an error.
    Result<std::unique_ptr<eval::FactBase>>
    scenarioFacts(const bind::BoundQuery& query, const eval::FactBase& facts, std::string& note);
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
    int64_t logEntry_ = 0;
    bool fingerprints_ = true;
    PageCache* pages_ = nullptr;
};

} // namespace chipgraph::engine
