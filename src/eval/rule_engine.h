#pragma once
// Rule evaluation: stratum by stratum (dependencies first), semi-naive inside recursive
// strata, over interned tuples. A derived fact holds where all its premises hold together
// (interval intersection); several derivations unite; `not` subtracts the days its atom holds;
// aggregates are computed per stretch of time over the facts valid in it. `as of` / `known at`
// filter the base facts (the premises) before anything is derived.
#include "bind/bound.h"
#include "common/status.h"
#include "eval/base_cache.h"
#include "eval/fact_base.h"
#include "eval/interner.h"
#include "eval/tuple_table.h"
#include "schema/catalog.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace chipgraph::eval {

struct RuleEvalOptions {
    std::optional<Interval> window;   // premises must overlap it
    std::optional<DayNumber> knownAt; // premises' sources published by then
    bool trackProvenance = true;      // sources and first-known dates of derived facts
    bool naive = false;               // naive fixpoint (the property test compares both)
    // A stratum whose premises all hold one provenance runs without tracking it per derivation
    // and stores it once per table (RuleEngine::evaluateStratum; a test compares both).
    bool shareProvenance = true;
    size_t maxDerivedFacts = 0;             // 0: no cap
    size_t maxMemoryBytes = 0;              // the process's resident memory (0: no cap)
    std::chrono::milliseconds timeLimit{0}; // 0: no limit
    const std::atomic<bool>* cancel = nullptr;
    BaseTableCache* cache = nullptr; // base tables kept between evaluations (the session's)
    // Partitioned closures (eval/partition.h): threads (0: one per free core, from the load
    // average) and the target number
    // of facts per part (small values exercise many parts in tests).
    int threads = 0;
    size_t partRows = size_t{1} << 14;
};

class BodyJoin;

class RuleEngine {
public:
    RuleEngine(const schema::Catalog& catalog, const FactBase& base,
               const std::vector<bind::BoundRule>& rules, const std::vector<bind::Stratum>& strata,
               RuleEvalOptions options);
    ~RuleEngine();

    // Declares a derived relation that is not in the catalog (a rewrite's, see plan/demand.h).
    // A demand relation's facts are valid always, `actual` and without sources: joining with
    // one restricts which values a rule considers, never when or how surely its facts hold.
    void addRelation(RelationId relation, int width, bool isDemand);

    // Evaluates the strata that `relations` need (their own and everything they depend on);
    // strata already evaluated are kept. Errors: the limits were hit, or interrupted.
    Status evaluate(const std::vector<RelationId>& relations);

    // A relation's table: the base facts (filtered) or the derived facts; loads base tables.
    const TupleTable& table(RelationId relation);
    // Claims the window and `known at` left out of the premises, and derivations a division by
    // zero left undefined, for the answer's notes.
    LeftOutCounts leftOut() const {
        LeftOutCounts out = leftOut_;
        out.divisionByZero = divisionsByZero_.load(std::memory_order_relaxed);
        return out;
    }
    // Counts a derivation a division by zero left undefined (from any thread); false.
    bool countDivisionByZero() {
        divisionsByZero_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    // The derived facts of an evaluated relation, one Fact per status and validity interval.
    std::vector<schema::Fact> factsOf(RelationId relation);
    const Interner& interner() const { return interner_; }
    Interner& interner() { return interner_; }
    size_t derivedCount() const { return derivedCount_.load(std::memory_order_relaxed); }
    // Bytes held by derived tables (cells, validity, hash and column indexes).
    size_t derivedMemoryBytes() const;
    const std::vector<bind::BoundRule>& rules() const { return rules_; }

private:
    friend class BodyJoin;
    friend class StratumRun;
    Status evaluateStratum(const bind::Stratum& stratum);
    Status runStratum(const bind::Stratum& stratum);
    std::optional<RowProvenance> sharedInputProvenance(const bind::Stratum& stratum);
    bool isDemandRelation(RelationId relation) const;
    Status evaluateAggregate(const bind::BoundRule& rule);
    // evaluateAggregate() for a `count` whose body matches all hold on the same days with the
    // same status, without provenance (aggregate_count.cpp): true when it applied, its outcome
    // in `status`; false (nothing done) when the rule is not of that kind.
    bool countWithoutRows(const bind::BoundRule& rule, Status& status);
    // The same for a `sum` of whole numbers whose matches are distinct bindings
    // (aggregate_sum.cpp): each group's total added up as its matches arrive.
    bool sumWithoutRows(const bind::BoundRule& rule, Status& status);
    // Whether every match of `body` holds on `valid` with `status`: each atom's rows all hold
    // on one interval with one status (the intersection not empty), and nothing is negated.
    bool uniformMatches(const bind::BoundQuery& body, Interval& valid, schema::FactStatus& status);
    Status checkLimits();
    const TupleTable& loadBase(RelationId relation);
    TupleTable& derivedTable(RelationId relation);
    bool isDerived(RelationId relation) const;
    int arity(RelationId relation) const;

    struct ExtraRelation {
        int width;
        bool isDemand;
    };

    const schema::Catalog& catalog_;
    const FactBase& base_;
    const std::vector<bind::BoundRule>& rules_;
    const std::vector<bind::Stratum>& strata_;
    RuleEvalOptions options_;
    Interner ownInterner_;
    Interner& interner_; // the cache's when there is one: its tables hold its ids
    std::map<RelationId, std::unique_ptr<TupleTable>> tables_; // derived, and uncached base
    std::map<RelationId, const TupleTable*> cachedBase_;
    LeftOutCounts leftOut_; // claims the loaded base tables' filter left out
    std::atomic<size_t> divisionsByZero_{0};
    std::map<RelationId, ExtraRelation> extra_;
    std::set<size_t> evaluatedStrata_;
    std::atomic<size_t> derivedCount_ = 0; // parts of a closure may run on several threads
    std::chrono::steady_clock::time_point start_;
};

} // namespace chipgraph::eval
