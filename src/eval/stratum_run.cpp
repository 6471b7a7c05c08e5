#include "eval/stratum_run.h"

#include "common/cores.h"

#include "eval/body_join_pairs.h"
#include "eval/partition.h"
#include "plan/plan.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <thread>

namespace chipgraph::eval {

void DeltaBuilder::add(RowId row, const IntervalSet& days) {
    if (row >= entryOf_.size())
        entryOf_.resize(std::max<size_t>(row + 1, entryOf_.size() * 2), kNone);
    uint32_t& entry = entryOf_[row];
    if (entry == kNone) {
        entry = static_cast<uint32_t>(entries_.size());
        entries_.push_back({row, days});
    } else {
        entries_[entry].added.merge(days);
    }
}

void DeltaBuilder::takeInto(std::vector<DeltaEntry>& out) {
    for (const DeltaEntry& e : entries_)
        entryOf_[e.row] = kNone;
    out.clear();
    std::swap(out, entries_);
}

void DeltaBuilder::discard() {
    for (const DeltaEntry& e : entries_)
        entryOf_[e.row] = kNone;
    entries_.clear();
}

namespace {

// Merges the premises' provenance: every source; first known when the latest premise was.
// Into `out`, reused across derivations: no allocation once its vector has grown.
void combine(const std::vector<const RowProvenance*>& premises, RowProvenance& out) {
    out.sources.clear();
    out.reported.reset();
    for (const RowProvenance* p : premises) {
        out.sources.insert(out.sources.end(), p->sources.begin(), p->sources.end());
        if (p->reported && (!out.reported || p->reported->firstDay() > out.reported->firstDay()))
            out.reported = p->reported;
    }
    std::sort(out.sources.begin(), out.sources.end());
    out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
}

} // namespace

StratumRun::StratumRun(RuleEngine& engine, const bind::Stratum& stratum, bool shared)
    : engine_(engine), stratum_(stratum), shared_(shared),
      inStratum_(stratum.relations.begin(), stratum.relations.end()) {}

StratumRun::~StratumRun() {
    engine_.derivedCount_ += uncounted_;
}

// A rule mentions its stratum's relations positively: it can only fire once they hold facts.
bool StratumRun::usesStratum(const bind::BoundRule& rule) const {
    for (const bind::BoundAtom& atom : rule.body.atoms)
        if (inStratum_.count(atom.relation)) return true;
    return false;
}

TupleTable& StratumRun::target(RelationId relation) {
    return relation == partRelation_ ? *partTable_ : engine_.derivedTable(relation);
}

// Alone, the run keeps the engine's count exact (the limit's error names it); threads closing
// parts share it and add to it in steps, not per row.
void StratumRun::countDerived(size_t rows) {
    std::atomic<size_t>& count = engine_.derivedCount_;
    if (!shared_) {
        count.store(count.load(std::memory_order_relaxed) + rows, std::memory_order_relaxed);
        return;
    }
    uncounted_ += rows;
    if (uncounted_ >= TupleTable::kMaxBatch) {
        count.fetch_add(uncounted_, std::memory_order_relaxed);
        uncounted_ = 0;
    }
}

void StratumRun::record(TupleTable& target, DeltaBuilder& delta, const TupleTable::Added& added) {
    // New sources must reach every fact derived from this one, whatever its days.
    if (added.provenanceGrew)
        delta.add(added.row, target.validity(added.row));
    else if (!added.added.empty())
        delta.add(added.row, added.added);
}

void StratumRun::flush(Batch& batch) {
    size_t before = batch.target->size();
    batch.target->addBatch(
        batch.rows.data(), batch.rows.size(),
        [&](const TupleTable::Added& added) { record(*batch.target, *batch.delta, added); });
    countDerived(batch.target->size() - before);
    batch.rows.clear();
}

// Interning a constant already known moves nothing (Interner::intern), so parts closing on
// other threads may resolve heads once the first part has.
std::vector<StratumRun::HeadCell> StratumRun::headCells(const bind::BoundRule& rule) {
    std::vector<HeadCell> cells;
    for (const bind::HeadArg& arg : rule.head) {
        HeadCell cell;
        if (arg.term.kind == bind::BoundTerm::Kind::Constant)
            cell.constant = engine_.interner_.intern(arg.term.value);
        else
            cell.variable = arg.term.variable;
        cells.push_back(cell);
    }
    return cells;
}

bool StratumRun::derivesDemand(const bind::BoundRule& rule) const {
    auto extra = engine_.extra_.find(rule.relation);
    return extra != engine_.extra_.end() && extra->second.isDemand;
}

bool StratumRun::plainHead(const bind::BoundRule& rule) const {
    return !derivesDemand(rule) && !engine_.options_.trackProvenance;
}

std::function<void(const Derivation&)> StratumRun::emitFor(const bind::BoundRule& rule) {
    std::vector<HeadCell> cells = headCells(rule);
    bool demand = derivesDemand(rule);
    bool provenance = engine_.options_.trackProvenance && !demand;
    TupleTable& target = this->target(rule.relation);
    Batch& batch = batches_[rule.relation];
    batch.target = &target;
    batch.delta = &next_[rule.relation];
    bool batched = !provenance && !demand && target.batchable();
    return [this, cells = std::move(cells), demand, provenance, batched, &target,
            &batch](const Derivation& d) {
        size_t width = cells.size();
        auto headArg = [&](size_t i) {
            return cells[i].variable < 0 ? cells[i].constant : d.binding[cells[i].variable];
        };
        if (batched) {
            TupleTable::PendingRow& row = batch.rows.emplace_back();
            for (size_t i = 0; i < width; ++i)
                row.key[i] = headArg(i);
            row.key[width] = static_cast<ValueId>(d.status);
            row.valid = d.valid;
            if (batch.rows.size() == TupleTable::kMaxBatch) flush(batch);
            return;
        }
        head_.clear();
        for (size_t i = 0; i < width; ++i)
            head_.push_back(headArg(i));
        size_t before = target.size();
        if (provenance) combine(d.premises, sources_);
        TupleTable::Added added = demand ? target.add(head_.data(), schema::FactStatus::Actual,
                                                      IntervalSet(Interval::always()), nullptr)
                                         : target.add(head_.data(), d.status, IntervalSet(d.valid),
                                                      provenance ? &sources_ : nullptr);
        countDerived(target.size() - before);
        record(target, *batch.delta, added);
    };
}

// Runs one join and lands its batched derivations.
bool StratumRun::runJoin(BodyJoin& join, const std::vector<DeltaEntry>* delta,
                         const bind::BoundRule& rule) {
    if (delta && partTable_ && rule.relation == partRelation_ && partTable_->batchable() &&
        plainHead(rule) && join.pairShaped())
        return runPairs(join, *delta, rule);
    bool completed = join.run(delta, emitFor(rule));
    for (auto& [relation, batch] : batches_)
        if (!batch.rows.empty()) flush(batch);
    return completed;
}

bool StratumRun::runPairs(BodyJoin& join, const std::vector<DeltaEntry>& delta,
                          const bind::BoundRule& rule) {
    std::vector<HeadCell> cells = headCells(rule);
    TupleTable& table = *partTable_;
    DeltaBuilder& next = next_[rule.relation];
    size_t width = cells.size(), before = table.size();
    ValueId key[TupleTable::kBatchKey];
    bool completed = join.runPairs(delta, [&](const std::vector<ValueId>& binding,
                                              const Interval& valid, schema::FactStatus status) {
        for (size_t i = 0; i < width; ++i)
            key[i] = cells[i].variable < 0 ? cells[i].constant : binding[cells[i].variable];
        key[width] = static_cast<ValueId>(status);
        record(table, next, table.addOne(key, valid));
    });
    countDerived(table.size() - before);
    return completed;
}

bool StratumRun::anyNew() const {
    for (const auto& [relation, delta] : next_)
        if (!delta.empty()) return true;
    return false;
}

// Semi-naive evaluation starts from the rules that do not read the stratum (the rest could
// only re-derive what the first delta round derives again); naive runs everything.
Status StratumRun::runAll(bool exitRulesOnly) {
    auto cardinality = [&](RelationId r) { return engine_.table(r).size(); };
    for (size_t index : stratum_.rules) {
        const bind::BoundRule& rule = engine_.rules_[index];
        if (rule.hasAggregate()) continue;
        if (exitRulesOnly && usesStratum(rule)) continue;
        plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
        BodyJoin join(engine_, rule.body, plan);
        if (!runJoin(join, nullptr, rule)) return engine_.checkLimits();
    }
    return engine_.checkLimits();
}

Status StratumRun::run() {
    bool recursive = stratum_.recursive;
    bool naive = engine_.options_.naive;
    if (Status s = runAll(recursive && !naive); !s) return s;
    if (!recursive) return Status::ok();
    if (naive) return naiveRounds();
    if (int column = plan::passThroughColumn(engine_.rules_, stratum_); column >= 0)
        return runInParts(stratum_.relations.front(), column);
    return seminaiveRounds();
}

// Naive fixpoint: everything again until a round adds nothing.
Status StratumRun::naiveRounds() {
    while (anyNew()) {
        for (auto& [relation, delta] : next_)
            delta.discard();
        if (Status s = runAll(false); !s) return s;
    }
    return Status::ok();
}

// Every recursive rule once per atom it has in the stratum, that atom first.
std::vector<DeltaPlan> StratumRun::deltaPlans() {
    auto cardinality = [&](RelationId r) {
        return r == partRelation_ ? partTable_->size() : engine_.table(r).size();
    };
    std::vector<DeltaPlan> plans;
    for (size_t index : stratum_.rules) {
        const bind::BoundRule& rule = engine_.rules_[index];
        if (rule.hasAggregate()) continue;
        for (size_t a = 0; a < rule.body.atoms.size(); ++a) {
            if (!inStratum_.count(rule.body.atoms[a].relation)) continue;
            plan::PlanOptions options;
            options.firstAtom = static_cast<int>(a);
            plans.push_back({index, a, plan::planQuery(rule.body, cardinality, options)});
        }
    }
    return plans;
}

// Semi-naive: each round joins only what the previous round added.
Status StratumRun::seminaiveRounds(const std::vector<DeltaPlan>* fixed) {
    TableOverride part{partRelation_, partTable_};
    std::map<RelationId, std::vector<DeltaEntry>>& delta = current_;
    while (anyNew()) {
        for (auto& [relation, rows] : next_)
            rows.takeInto(delta[relation]);
        // Plans follow the tables' sizes as they grow, unless fixed.
        std::vector<DeltaPlan> planned = fixed ? std::vector<DeltaPlan>{} : deltaPlans();
        for (const DeltaPlan& p : fixed ? *fixed : planned) {
            const bind::BoundRule& rule = engine_.rules_[p.rule];
            auto d = delta.find(rule.body.atoms[p.atom].relation);
            if (d == delta.end() || d->second.empty()) continue;
            BodyJoin join(engine_, rule.body, p.plan, part);
            if (!runJoin(join, &d->second, rule)) return engine_.checkLimits();
        }
        if (Status s = engine_.checkLimits(); !s) return s;
    }
    return Status::ok();
}

Status StratumRun::closePart(const Parts& parts, size_t first, size_t end, TupleTable& table) {
    table.clear();
    partRelation_ = parts.relation;
    partTable_ = &table;
    DeltaBuilder& delta = next_[parts.relation];
    const TupleTable& seeds = *parts.seeds;
    for (size_t k = first; k < end; ++k) {
        RowId r = parts.groups.rows[k];
        TupleTable::Added added =
            table.add(seeds.row(r), seeds.status(r), seeds.validity(r), seeds.provenance(r));
        delta.add(added.row, added.added);
    }
    Status status = seminaiveRounds(&parts.plans);
    partRelation_ = kNoId;
    partTable_ = nullptr;
    return status;
}

// The exit rules' facts, grouped by the kept column, are closed a few groups at a time in a
// small table, then appended to the relation's table: parts share no fact, so no probe of the
// large table is ever needed. The first part sizes the others (closure facts per seed).
Status StratumRun::runInParts(RelationId relation, int column) {
    Parts parts;
    parts.relation = relation;
    std::unique_ptr<TupleTable>& slot = engine_.tables_[relation];
    parts.seeds = std::move(slot);
    slot = std::make_unique<TupleTable>(parts.seeds->width()); // never read while parts run
    next_[relation].discard(); // the seeds are fed again, part by part
    parts.groups = groupRows(*parts.seeds, column);
    if (Status searched; searchClosure(parts, column, searched)) return searched;
    const std::vector<size_t>& starts = parts.groups.starts;
    size_t partRows = std::max<size_t>(1, engine_.options_.partRows);
    auto takeGroups = [&](size_t& g, size_t wanted) {
        size_t first = starts[g], end = first;
        while (g < starts.size() && end - first < wanted)
            end = ++g < starts.size() ? starts[g] : parts.groups.rows.size();
        parts.ranges.emplace_back(first, end);
    };
    size_t g = 0;
    if (!starts.empty()) takeGroups(g, std::max<size_t>(1, partRows / 64)); // a guess, small
    {
        // Plans for the parts: the seeds stand in for the relation's size.
        TupleTable* seeds = parts.seeds.get();
        partRelation_ = relation, partTable_ = seeds;
        parts.plans = deltaPlans();
        partRelation_ = kNoId, partTable_ = nullptr;
    }
    parts.whole = std::make_unique<TupleTable>(parts.seeds->width());
    parts.closed.resize(1);
    Status status = Status::ok();
    if (!parts.ranges.empty()) {
        std::unique_ptr<TupleTable> table = parts.table();
        status = closePart(parts, parts.ranges[0].first, parts.ranges[0].second, *table);
        parts.land(0, std::move(table));
    }
    if (status && g < starts.size()) {
        double growth =
            static_cast<double>(parts.whole->size()) / static_cast<double>(parts.ranges[0].second);
        // The whole closure, estimated from the first part: growing a table of millions of
        // rows by doubling would copy it (and fault its pages in) several times.
        parts.whole->reserveRows(static_cast<size_t>(growth * 1.1 * parts.groups.rows.size()));
        size_t wanted = std::max<size_t>(1, static_cast<size_t>(partRows / std::max(1.0, growth)));
        while (g < starts.size())
            takeGroups(g, wanted);
        parts.closed.resize(parts.ranges.size());
        int threads = engine_.options_.threads > 0 ? engine_.options_.threads : freeCores();
        threads = std::min<int>(threads, static_cast<int>(parts.ranges.size()) - 1);
        if (threads > 1 && parallelSafe()) {
            status = runPartsInParallel(parts, threads);
        } else {
            for (size_t k = 1; k < parts.ranges.size() && status; ++k) {
                std::unique_ptr<TupleTable> table = parts.table();
                status = closePart(parts, parts.ranges[k].first, parts.ranges[k].second, *table);
                parts.land(k, std::move(table));
            }
        }
    }
    slot = std::move(parts.whole);
    return status;
}

std::unique_ptr<TupleTable> StratumRun::Parts::table() {
    if (spare.empty()) return std::make_unique<TupleTable>(seeds->width());
    std::unique_ptr<TupleTable> table = std::move(spare.back());
    spare.pop_back();
    return table;
}

void StratumRun::Parts::land(size_t k, std::unique_ptr<TupleTable> part) {
    closed[k] = std::move(part);
    for (; appended < closed.size() && closed[appended]; ++appended) {
        whole->appendDistinct(*closed[appended]);
        spare.push_back(std::move(closed[appended]));
    }
}

} // namespace chipgraph::eval
