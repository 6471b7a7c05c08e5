#pragma once
// One stratum's rules (aggregates aside) run to their fixpoint: once when the stratum is not
// recursive; in a recursive one semi-naively (each round joins only what the previous round
// added) or, for the property test, naively. Linear recursion that keeps a column is closed a
// part at a time, the parts on several threads when its rules allow (eval/partition.h).
#include "eval/body_join.h"
#include "eval/partition.h"
#include "eval/rule_engine.h"

#include <map>
#include <set>
#include <vector>

namespace chipgraph::eval {

// What a round of semi-naive evaluation added to one relation: each row once, with the union
// of its new days. A flat vector plus a row -> entry map, so recording a derivation allocates
// nothing (rows are dense ids).
class DeltaBuilder {
public:
    void add(RowId row, const IntervalSet& days);
    bool empty() const { return entries_.empty(); }
    // Hands the round's entries over in `out` and starts the next round in out's old buffer:
    // rounds reuse two buffers instead of growing a new one each (fresh pages, copies).
    void takeInto(std::vector<DeltaEntry>& out);
    void discard(); // starts the next round without the entries

private:
    static constexpr uint32_t kNone = UINT32_MAX;
    std::vector<DeltaEntry> entries_;
    std::vector<uint32_t> entryOf_;
};

// A recursive rule planned with one of its atoms over the previous round's delta.
struct DeltaPlan {
    size_t rule;
    size_t atom;
    plan::QueryPlan plan;
};

class StratumRun {
public:
    // `shared`: one of several threads closing parts of the stratum's closure.
    StratumRun(RuleEngine& engine, const bind::Stratum& stratum, bool shared = false);
    ~StratumRun();
    Status run();

private:
    // Derivations without provenance wait in a small batch per head relation (see
    // TupleTable::addBatch); each join run ends by flushing them.
    struct Batch {
        std::vector<TupleTable::PendingRow> rows;
        TupleTable* target = nullptr;
        DeltaBuilder* delta = nullptr;
    };
    // The seeds of a partitioned closure: the exit rules' facts grouped by the kept column, and
    // the ranges of groups that make its parts.
    struct Parts {
        RelationId relation;
        std::unique_ptr<TupleTable> seeds;
        RowGroups groups;
        std::vector<std::pair<size_t, size_t>> ranges; // [first, end) in groups.rows
        std::vector<DeltaPlan> plans;
        std::unique_ptr<TupleTable> whole;               // the parts appended in order
        std::vector<std::unique_ptr<TupleTable>> closed; // closed, waiting for earlier parts
        size_t appended = 0;                             // parts in `whole`
        std::vector<std::unique_ptr<TupleTable>> spare;  // emptied part tables, reused

        // A table for the next part: a spare one keeps its grown memory (and hash slots).
        std::unique_ptr<TupleTable> table();
        // Part `k` is closed: appends it, and every part after it that waited, to `whole`.
        void land(size_t k, std::unique_ptr<TupleTable> part);
    };

    // A head's cells, resolved once per rule: a constant (interned) or the variable filling it.
    struct HeadCell {
        ValueId constant = kNoValue;
        int variable = -1;
    };
    std::vector<HeadCell> headCells(const bind::BoundRule& rule);
    std::function<void(const Derivation&)> emitFor(const bind::BoundRule& rule);
    void record(TupleTable& target, DeltaBuilder& delta, const TupleTable::Added& added);
    void flush(Batch& batch);
    void countDerived(size_t rows);
    bool runJoin(BodyJoin& join, const std::vector<DeltaEntry>* delta, const bind::BoundRule& rule);
    // A pair-shaped join (BodyJoin::runPairs) of a part's delta, its heads added to the part
    // straight away: the part is small enough to stay in cache, so batching would not pay.
    bool runPairs(BodyJoin& join, const std::vector<DeltaEntry>& delta,
                  const bind::BoundRule& rule);
    // A demand relation's heads hold always, `actual`, without sources (plan/demand.h).
    bool derivesDemand(const bind::BoundRule& rule) const;
    // Neither demand nor recorded with the premises' provenance: cells, status and days only.
    bool plainHead(const bind::BoundRule& rule) const;
    bool anyNew() const;
    Status runAll(bool exitRulesOnly);
    Status naiveRounds();
    // With `fixed`, every round uses those plans (a part's rounds); else each round plans anew.
    Status seminaiveRounds(const std::vector<DeltaPlan>* fixed = nullptr);
    std::vector<DeltaPlan> deltaPlans();
    Status runInParts(RelationId relation, int column);
    // Closes `parts` by one search per kept value over the base edges when the stratum and
    // its tables allow it (closure_search.cpp): true when it did, its outcome in `status`.
    bool searchClosure(const Parts& parts, int column, Status& status);
    // Closes the seeds `rows` of `parts` in `table`, which becomes the relation's table here.
    Status closePart(const Parts& parts, size_t first, size_t end, TupleTable& table);
    Status runPartsInParallel(Parts& parts, int threads);
    bool parallelSafe() const;
    TupleTable& target(RelationId relation);
    bool usesStratum(const bind::BoundRule& rule) const;

    RuleEngine& engine_;
    const bind::Stratum& stratum_;
    bool shared_;
    std::set<RelationId> inStratum_;
    std::map<RelationId, DeltaBuilder> next_;
    std::map<RelationId, std::vector<DeltaEntry>> current_; // the round being joined
    std::map<RelationId, Batch> batches_;
    std::vector<ValueId> head_;
    RowProvenance sources_; // the current derivation's, when tracked
    // The part being closed: read and written instead of the engine's table of its relation.
    RelationId partRelation_ = kNoId;
    TupleTable* partTable_ = nullptr;
    size_t uncounted_ = 0; // derived rows not yet added to the engine's (shared) count
};

} // namespace chipgraph::eval
