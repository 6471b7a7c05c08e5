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
      start_(std::chrono::steady_clock::now()) {}

RuleEngine::~RuleEngine() = default;

const TupleTable& RuleEngine::table(RelationId relation) {
    auto it = tables_.find(relation);
    if (it != tables_.end()) return *it->second;
    if (catalog_.relation(relation).derived) return derivedTable(relation);
    loadBase(relation);
    return *tables_.at(relation);
}

TupleTable& RuleEngine::derivedTable(RelationId relation) {
    auto& slot = tables_[relation];
    if (!slot)
        slot = std::make_unique<TupleTable>(
            static_cast<int>(catalog_.relation(relation).columns.size()));
    return *slot;
}

// The base facts as premises: filtered by the window and `known at`, interned, and merged
// when several sources state the same fact (their validity unites, their sources too).
void RuleEngine::loadBase(RelationId relation) {
    const schema::RelationInfo& info = catalog_.relation(relation);
    auto table = std::make_unique<TupleTable>(
        static_cast<int>(info.columns.size() + info.qualifiers.size()));
    std::vector<ValueId> cells(info.columns.size() + info.qualifiers.size());
    for (const schema::Fact& fact : base_.relation(relation).facts()) {
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
    tables_[relation] = std::move(table);
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
    return runRules(stratum, stratum.recursive);
}

namespace {

// Merges the premises' provenance: every source; first known when the latest premise was.
RowProvenance combine(const std::vector<const RowProvenance*>& premises) {
    RowProvenance out;
    for (const RowProvenance* p : premises) {
        out.sources.insert(out.sources.end(), p->sources.begin(), p->sources.end());
        if (p->reported && (!out.reported || p->reported->firstDay() > out.reported->firstDay()))
            out.reported = p->reported;
    }
    std::sort(out.sources.begin(), out.sources.end());
    out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
    return out;
}

using DeltaMap = std::map<RelationId, std::unordered_map<RowId, IntervalSet>>;

std::vector<DeltaEntry> toEntries(const std::unordered_map<RowId, IntervalSet>& rows) {
    std::vector<DeltaEntry> out;
    out.reserve(rows.size());
    for (const auto& [row, added] : rows)
        out.push_back({row, added});
    std::sort(out.begin(), out.end(),
              [](const DeltaEntry& a, const DeltaEntry& b) { return a.row < b.row; });
    return out;
}

} // namespace

Status RuleEngine::runRules(const bind::Stratum& stratum, bool recursive) {
    std::set<RelationId> inStratum(stratum.relations.begin(), stratum.relations.end());
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    DeltaMap next;
    std::vector<ValueId> head;
    auto emitFor = [&](const bind::BoundRule& rule) {
        return [&, relation = rule.relation](const Derivation& d) {
            head.clear();
            for (const bind::HeadArg& arg : rule.head)
                head.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                   ? interner_.intern(arg.term.value)
                                   : d.binding[arg.term.variable]);
            TupleTable& target = derivedTable(relation);
            size_t before = target.size();
            RowProvenance provenance;
            if (options_.trackProvenance) provenance = combine(d.premises);
            TupleTable::Added added = target.add(head.data(), d.status, IntervalSet(d.valid),
                                                 options_.trackProvenance ? &provenance : nullptr);
            derivedCount_ += target.size() - before;
            // New sources must reach every fact derived from this one, whatever its days.
            if (added.provenanceGrew)
                next[relation][added.row].unite(target.validity(added.row));
            else if (!added.added.empty())
                next[relation][added.row].unite(added.added);
        };
    };
    auto runAll = [&]() -> Status {
        for (size_t index : stratum.rules) {
            const bind::BoundRule& rule = rules_[index];
            if (rule.hasAggregate()) continue;
            plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
            BodyJoin join(*this, rule.body, plan);
            if (!join.run(nullptr, emitFor(rule))) return checkLimits();
        }
        return checkLimits();
    };
    if (Status s = runAll(); !s) return s;
    if (!recursive) return Status::ok();
    if (options_.naive) {
        // Naive fixpoint: everything again until a round adds nothing.
        while (!next.empty()) {
            next.clear();
            if (Status s = runAll(); !s) return s;
        }
        return Status::ok();
    }
    // Semi-naive: each round joins only what the previous round added.
    while (!next.empty()) {
        std::map<RelationId, std::vector<DeltaEntry>> delta;
        for (const auto& [relation, rows] : next)
            delta[relation] = toEntries(rows);
        next.clear();
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
                if (!join.run(&d->second, emitFor(rule))) return checkLimits();
            }
        }
        if (Status s = checkLimits(); !s) return s;
    }
    return Status::ok();
}

size_t RuleEngine::derivedMemoryBytes() const {
    size_t bytes = 0;
    for (const auto& [relation, table] : tables_)
        if (catalog_.relation(relation).derived) bytes += table->memoryBytes();
    return bytes;
}

std::vector<schema::Fact> RuleEngine::factsOf(RelationId relation) {
    std::vector<schema::Fact> out;
    const TupleTable& t = table(relation);
    size_t arity = catalog_.relation(relation).columns.size();
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
