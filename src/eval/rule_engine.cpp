#include "eval/rule_engine.h"

#include "eval/body_join.h"
#include "plan/plan.h"
#include "plan/rule_plan.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace chipgraph::eval {

RuleEngine::RuleEngine(const schema::Catalog& catalog, const FactBase& base,
                       const std::vector<bind::BoundRule>& rules,
                       const std::vector<bind::Stratum>& strata, RuleEvalOptions options)
    : catalog_(catalog), base_(base), rules_(rules), strata_(strata), options_(options),
      interner_(options.cache ? options.cache->interner() : ownInterner_),
      start_(std::chrono::steady_clock::now()) {
    if (options_.cache) options_.cache->trim();
}

RuleEngine::~RuleEngine() = default;

void RuleEngine::addRelation(RelationId relation, int width, bool isDemand) {
    extra_[relation] = {width, isDemand};
}

bool RuleEngine::isDerived(RelationId relation) const {
    return extra_.count(relation) || catalog_.relation(relation).derived;
}

int RuleEngine::arity(RelationId relation) const {
    auto it = extra_.find(relation);
    return it != extra_.end() ? it->second.width
                              : static_cast<int>(catalog_.relation(relation).columns.size());
}

const TupleTable& RuleEngine::table(RelationId relation) {
    auto it = tables_.find(relation);
    if (it != tables_.end()) return *it->second;
    if (auto cached = cachedBase_.find(relation); cached != cachedBase_.end())
        return *cached->second;
    if (isDerived(relation)) return derivedTable(relation);
    return loadBase(relation);
}

TupleTable& RuleEngine::derivedTable(RelationId relation) {
    auto& slot = tables_[relation];
    if (!slot) slot = std::make_unique<TupleTable>(arity(relation));
    return *slot;
}

// The base facts as premises: filtered by the window and `known at`, interned, and merged
// when several sources state the same fact (their validity unites, their sources too).
const TupleTable& RuleEngine::loadBase(RelationId relation) {
    const RelationFacts& facts = base_.relation(relation);
    BaseFilter filter{options_.window, options_.knownAt, options_.trackProvenance};
    if (options_.cache)
        if (const TupleTable* t = options_.cache->find(relation, filter, facts.version()))
            return *(cachedBase_[relation] = t);
    const schema::RelationInfo& info = catalog_.relation(relation);
    auto table = std::make_unique<TupleTable>(
        static_cast<int>(info.columns.size() + info.qualifiers.size()));
    std::vector<ValueId> cells(info.columns.size() + info.qualifiers.size());
    for (const schema::Fact& fact : facts.facts()) {
        if (options_.window && !fact.valid.overlaps(*options_.window)) continue;
        std::optional<PartialDate> published;
        if (fact.source != kNoId) published = catalog_.source(fact.source).published;
        if (options_.knownAt && published && published->firstDay() > *options_.knownAt) continue;
        for (size_t i = 0; i < fact.args.size(); ++i)
            cells[i] = interner_.intern(fact.args[i]);
        for (size_t q = 0; q < fact.qualifiers.size(); ++q)
            cells[fact.args.size() + q] =
                fact.qualifiers[q] ? interner_.intern(*fact.qualifiers[q]) : kNoValue;
        RowProvenance provenance;
        if (fact.source != kNoId) provenance.sources.push_back(fact.source);
        provenance.reported = published;
        table->add(cells.data(), fact.status, IntervalSet(fact.valid),
                   options_.trackProvenance ? &provenance : nullptr);
    }
    table->compact();
    if (options_.cache)
        return *(cachedBase_[relation] =
                     &options_.cache->keep(relation, filter, facts.version(), std::move(table)));
    return *(tables_[relation] = std::move(table));
}

Status RuleEngine::checkLimits() {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
        return Status::error("interrupted");
    if (derivedCount_ > options_.maxDerivedFacts)
        return Status::error("rule evaluation stopped after " + std::to_string(derivedCount_) +
                             " derived facts (the limit); a rule may generate new values without "
                             "end, e.g. arithmetic in a recursive rule");
    if (options_.timeLimit.count() > 0 &&
        std::chrono::steady_clock::now() - start_ > options_.timeLimit)
        return Status::error("rule evaluation stopped after " +
                             std::to_string(options_.timeLimit.count()) +
                             " ms (the time limit); a rule may generate new values without end");
    return Status::ok();
}

Status RuleEngine::evaluate(const std::vector<RelationId>& relations) {
    for (size_t s : plan::neededStrata(rules_, strata_, relations)) {
        if (evaluatedStrata_.count(s)) continue;
        if (Status status = evaluateStratum(strata_[s]); !status) return status;
        evaluatedStrata_.insert(s);
    }
    return Status::ok();
}

Status RuleEngine::evaluateStratum(const bind::Stratum& stratum) {
    for (RelationId r : stratum.relations)
        derivedTable(r);
    for (size_t rule : stratum.rules)
        if (rules_[rule].hasAggregate())
            if (Status s = evaluateAggregate(rules_[rule]); !s) return s;
    Status status = runRules(stratum, stratum.recursive);
    for (RelationId r : stratum.relations)
        derivedTable(r).compact();
    return status;
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

// What a round of semi-naive evaluation added to one relation: each row once, with the union
// of its new days. A flat vector plus a row -> entry map, so recording a derivation allocates
// nothing (rows are dense ids).
class DeltaBuilder {
public:
    void add(RowId row, const IntervalSet& days) {
        if (row >= entryOf_.size())
            entryOf_.resize(std::max<size_t>(row + 1, entryOf_.size() * 2), kNone);
        uint32_t& entry = entryOf_[row];
        if (entry == kNone) {
            entry = static_cast<uint32_t>(entries_.size());
            entries_.push_back({row, days});
        } else {
            entries_[entry].added.unite(days);
        }
    }
    bool empty() const { return entries_.empty(); }
    // Hands the round's entries over and starts the next round.
    std::vector<DeltaEntry> take() {
        for (const DeltaEntry& e : entries_)
            entryOf_[e.row] = kNone;
        return std::move(entries_);
    }

private:
    static constexpr uint32_t kNone = UINT32_MAX;
    std::vector<DeltaEntry> entries_;
    std::vector<uint32_t> entryOf_;
};

// A rule mentions its stratum's relations positively: it can only fire once they hold facts.
bool usesStratum(const bind::BoundRule& rule, const std::set<RelationId>& inStratum) {
    for (const bind::BoundAtom& atom : rule.body.atoms)
        if (inStratum.count(atom.relation)) return true;
    return false;
}

} // namespace

Status RuleEngine::runRules(const bind::Stratum& stratum, bool recursive) {
    std::set<RelationId> inStratum(stratum.relations.begin(), stratum.relations.end());
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    std::map<RelationId, DeltaBuilder> next;
    std::vector<ValueId> head;
    RowProvenance sources; // the current derivation's, when tracked
    // Derivations without provenance wait in a small batch per head relation (see
    // TupleTable::addBatch); each join run ends by flushing them.
    struct Batch {
        std::vector<TupleTable::PendingRow> rows;
        TupleTable* target = nullptr;
        DeltaBuilder* delta = nullptr;
    };
    std::map<RelationId, Batch> batches;
    auto record = [&](TupleTable& target, DeltaBuilder& delta, const TupleTable::Added& added) {
        // New sources must reach every fact derived from this one, whatever its days.
        if (added.provenanceGrew)
            delta.add(added.row, target.validity(added.row));
        else if (!added.added.empty())
            delta.add(added.row, added.added);
    };
    auto flush = [&](Batch& batch) {
        size_t before = batch.target->size();
        batch.target->addBatch(
            batch.rows.data(), batch.rows.size(),
            [&](const TupleTable::Added& added) { record(*batch.target, *batch.delta, added); });
        derivedCount_ += batch.target->size() - before;
        batch.rows.clear();
    };
    auto flushAll = [&] {
        for (auto& [relation, batch] : batches)
            if (!batch.rows.empty()) flush(batch);
    };
    auto emitFor = [&](const bind::BoundRule& rule) {
        // Constants in the head are interned once per rule, not per derivation.
        std::vector<ValueId> constants;
        for (const bind::HeadArg& arg : rule.head)
            constants.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                    ? interner_.intern(arg.term.value)
                                    : kNoValue);
        auto extra = extra_.find(rule.relation);
        bool demand = extra != extra_.end() && extra->second.isDemand;
        bool provenance = options_.trackProvenance && !demand;
        TupleTable& target = derivedTable(rule.relation);
        Batch& batch = batches[rule.relation];
        batch.target = &target;
        batch.delta = &next[rule.relation];
        bool batched = !provenance && !demand && target.batchable();
        return [&, constants = std::move(constants), demand, provenance, batched, &target,
                &batch](const Derivation& d) {
            auto headArg = [&](size_t i) {
                return constants[i] != kNoValue ? constants[i]
                                                : d.binding[rule.head[i].term.variable];
            };
            if (batched) {
                TupleTable::PendingRow& row = batch.rows.emplace_back();
                for (size_t i = 0; i < rule.head.size(); ++i)
                    row.key[i] = headArg(i);
                row.key[rule.head.size()] = static_cast<ValueId>(d.status);
                row.valid = d.valid;
                if (batch.rows.size() == TupleTable::kMaxBatch) flush(batch);
                return;
            }
            head.clear();
            for (size_t i = 0; i < rule.head.size(); ++i)
                head.push_back(headArg(i));
            size_t before = target.size();
            if (provenance) combine(d.premises, sources);
            TupleTable::Added added = demand
                                          ? target.add(head.data(), schema::FactStatus::Actual,
                                                       IntervalSet(Interval::always()), nullptr)
                                          : target.add(head.data(), d.status, IntervalSet(d.valid),
                                                       provenance ? &sources : nullptr);
            derivedCount_ += target.size() - before;
            record(target, *batch.delta, added);
        };
    };
    // Runs one join and lands its batched derivations.
    auto runJoin = [&](BodyJoin& join, const std::vector<DeltaEntry>* delta,
                       const bind::BoundRule& rule) {
        bool completed = join.run(delta, emitFor(rule));
        flushAll();
        return completed;
    };
    auto anyNew = [&] {
        for (const auto& [relation, delta] : next)
            if (!delta.empty()) return true;
        return false;
    };
    // Semi-naive evaluation starts from the rules that do not read the stratum (the rest could
    // only re-derive what the first delta round derives again); naive runs everything.
    auto runAll = [&](bool exitRulesOnly) -> Status {
        for (size_t index : stratum.rules) {
            const bind::BoundRule& rule = rules_[index];
            if (rule.hasAggregate()) continue;
            if (exitRulesOnly && usesStratum(rule, inStratum)) continue;
            plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
            BodyJoin join(*this, rule.body, plan);
            if (!runJoin(join, nullptr, rule)) return checkLimits();
        }
        return checkLimits();
    };
    bool seminaive = recursive && !options_.naive;
    if (Status s = runAll(seminaive); !s) return s;
    if (!recursive) return Status::ok();
    if (options_.naive) {
        // Naive fixpoint: everything again until a round adds nothing.
        while (anyNew()) {
            for (auto& [relation, delta] : next)
                delta.take();
            if (Status s = runAll(false); !s) return s;
        }
        return Status::ok();
    }
    // Semi-naive: each round joins only what the previous round added.
    while (anyNew()) {
        std::map<RelationId, std::vector<DeltaEntry>> delta;
        for (auto& [relation, rows] : next)
            delta[relation] = rows.take();
        for (size_t index : stratum.rules) {
            const bind::BoundRule& rule = rules_[index];
            if (rule.hasAggregate()) continue;
            for (size_t a = 0; a < rule.body.atoms.size(); ++a) {
                RelationId used = rule.body.atoms[a].relation;
                auto d = delta.find(used);
                if (!inStratum.count(used) || d == delta.end() || d->second.empty()) continue;
                plan::PlanOptions options;
                options.firstAtom = static_cast<int>(a);
                plan::QueryPlan plan = plan::planQuery(rule.body, cardinality, options);
                BodyJoin join(*this, rule.body, plan);
                if (!runJoin(join, &d->second, rule)) return checkLimits();
            }
        }
        if (Status s = checkLimits(); !s) return s;
    }
    return Status::ok();
}

size_t RuleEngine::derivedMemoryBytes() const {
    size_t bytes = 0;
    for (const auto& [relation, table] : tables_)
        if (isDerived(relation)) bytes += table->memoryBytes(); // base tables never are
    return bytes;
}

std::vector<schema::Fact> RuleEngine::factsOf(RelationId relation) {
    std::vector<schema::Fact> out;
    const TupleTable& t = table(relation);
    size_t arity = static_cast<size_t>(this->arity(relation));
    for (RowId r = 0; r < t.size(); ++r) {
        std::shared_ptr<const schema::Provenance> provenance;
        if (const RowProvenance* p = t.provenance(r))
            provenance =
                std::make_shared<schema::Provenance>(schema::Provenance{p->sources, p->reported});
        else
            provenance = std::make_shared<schema::Provenance>();
        IntervalSet days = t.validity(r); // a named copy: parts() refers into it
        for (const Interval& part : days.parts()) {
            schema::Fact fact;
            fact.relation = relation;
            for (size_t i = 0; i < arity; ++i)
                fact.args.push_back(interner_.value(t.row(r)[i]));
            fact.valid = part;
            fact.status = t.status(r);
            fact.derived = provenance;
            out.push_back(std::move(fact));
        }
    }
    return out;
}

} // namespace chipgraph::eval
