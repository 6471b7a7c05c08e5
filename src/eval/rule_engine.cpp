#include "eval/rule_engine.h"

#include "common/memory.h"
#include "eval/body_join.h"
#include "eval/stratum_run.h"
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
        if (BaseTableCache::Loaded loaded = options_.cache->find(relation, filter, facts.version());
            loaded.table) {
            leftOut_.add(loaded.leftOut);
            return *(cachedBase_[relation] = loaded.table);
        }
    const schema::RelationInfo& info = catalog_.relation(relation);
    const ClaimFilter claims{options_.window, options_.knownAt};
    LeftOutCounts leftOut;
    auto table = std::make_unique<TupleTable>(
        static_cast<int>(info.columns.size() + info.qualifiers.size()));
    std::vector<ValueId> cells(info.columns.size() + info.qualifiers.size());
    for (const schema::Fact& fact : facts.facts()) {
        std::optional<PartialDate> published;
        if (fact.source != kNoId) published = catalog_.source(fact.source).published;
        if (claims.any())
            if (LeftOut reason = claims.check(info, fact.valid, published);
                reason != LeftOut::None) {
                leftOut.count(reason);
                continue;
            }
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
    leftOut_.add(leftOut);
    if (options_.cache)
        return *(
            cachedBase_[relation] =
                options_.cache->keep(relation, filter, facts.version(), std::move(table), leftOut)
                    .table);
    return *(tables_[relation] = std::move(table));
}

Status RuleEngine::checkLimits() {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
        return Status::error("interrupted");
    if (size_t derived = derivedCount();
        options_.maxDerivedFacts > 0 && derived > options_.maxDerivedFacts)
        return Status::error("rule evaluation stopped after " + std::to_string(derived) +
                             " derived facts (the limit); a rule may generate new values without "
                             "end, e.g. arithmetic in a recursive rule");
    if (options_.timeLimit.count() > 0 &&
        std::chrono::steady_clock::now() - start_ > options_.timeLimit)
        return Status::error("rule evaluation stopped after " +
                             std::to_string(options_.timeLimit.count()) +
                             " ms (the time limit); a rule may generate new values without end");
    if (options_.maxMemoryBytes > 0)
        if (residentMemoryBytes() > options_.maxMemoryBytes)
            return Status::error(memoryLimitMessage("rule evaluation", options_.maxMemoryBytes));
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

bool RuleEngine::isDemandRelation(RelationId relation) const {
    auto extra = extra_.find(relation);
    return extra != extra_.end() && extra->second.isDemand;
}

// The provenance every premise of the stratum holds, when they all hold the same one (facts
// imported from one source, or none), its input tables loaded; else nullopt. Then every fact
// the stratum derives holds exactly that one too (a derivation merges its premises', and each
// rule has a premise other than demand, which has none), so the stratum can run without
// tracking provenance per derivation and store the entry once per table.
std::optional<RowProvenance> RuleEngine::sharedInputProvenance(const bind::Stratum& stratum) {
    std::set<RelationId> inStratum(stratum.relations.begin(), stratum.relations.end());
    std::optional<RowProvenance> shared;
    for (size_t index : stratum.rules) {
        const bind::BoundRule& rule = rules_[index];
        bool premise = false;
        for (const bind::BoundAtom& atom : rule.body.atoms) {
            const TupleTable& input = table(atom.relation);
            if (isDemandRelation(atom.relation)) continue;
            premise = true;
            if (inStratum.count(atom.relation) || input.size() == 0) continue;
            const RowProvenance* p = input.sharedProvenance();
            if (!p || (shared && !(*shared == *p))) return std::nullopt;
            shared = *p;
        }
        if (!premise) return std::nullopt;
        for (const bind::BoundAtom& atom : rule.body.negations)
            table(atom.relation);
    }
    return shared;
}

Status RuleEngine::evaluateStratum(const bind::Stratum& stratum) {
    for (RelationId r : stratum.relations)
        derivedTable(r);
    // Every input table is loaded by now: switching provenance off loads none without it.
    std::optional<RowProvenance> shared;
    if (options_.trackProvenance && options_.shareProvenance)
        shared = sharedInputProvenance(stratum);
    if (shared) options_.trackProvenance = false;
    Status status = runStratum(stratum);
    if (shared) options_.trackProvenance = true;
    for (RelationId r : stratum.relations) {
        TupleTable& table = derivedTable(r);
        table.compact();
        if (shared && status && !isDemandRelation(r)) table.setSharedProvenance(*shared);
    }
    return status;
}

Status RuleEngine::runStratum(const bind::Stratum& stratum) {
    for (size_t rule : stratum.rules)
        if (rules_[rule].hasAggregate())
            if (Status s = evaluateAggregate(rules_[rule]); !s) return s;
    return StratumRun(*this, stratum).run();
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
