// Aggregates in rule heads (count, sum, min, max, avg), grouped by the other head arguments
// and computed over time: the timeline of each group is cut wherever a member starts or stops
// being valid, and every stretch gets the aggregate of the members valid in it.
#include "eval/body_join.h"
#include "eval/expr_eval.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <algorithm>
#include <map>
#include <set>

namespace chipgraph::eval {
namespace {

struct Member {
    std::vector<ValueId> binding; // distinct bindings of the body count once
    Interval valid;
    schema::FactStatus status;
    RowProvenance provenance;
};

struct Group {
    std::vector<Member> members;
    std::set<std::pair<std::vector<ValueId>, std::pair<DayNumber, DayNumber>>> seen;
};

// The aggregate over the members active in a stretch; nullopt if it has no value.
std::optional<Value> aggregateOf(bind::AggregateKind kind, int variable,
                                 const std::vector<const Member*>& active, const Interner& interner,
                                 const schema::Catalog& catalog) {
    std::set<ValueId> distinct;
    for (const Member* m : active)
        distinct.insert(m->binding[variable]);
    if (kind == bind::AggregateKind::Count)
        return Value::number(Number::exact(static_cast<double>(distinct.size())));
    std::optional<Value> result;
    std::optional<Number> sum;
    size_t counted = 0;
    // One body match counts once, even when two sources back it on overlapping days.
    std::set<std::vector<ValueId>> seen;
    for (const Member* m : active) {
        if (!seen.insert(m->binding).second) continue;
        ++counted;
        const Value& v = interner.value(m->binding[variable]);
        switch (kind) {
        case bind::AggregateKind::Sum:
        case bind::AggregateKind::Avg:
            sum = sum ? addNumbers(*sum, v.numberValue()) : v.numberValue();
            break;
        case bind::AggregateKind::Min:
            if (!result || compareValues(v, bind::CompareOp::Lt, *result, catalog)) result = v;
            break;
        case bind::AggregateKind::Max:
            if (!result || compareValues(v, bind::CompareOp::Gt, *result, catalog)) result = v;
            break;
        default:
            break;
        }
    }
    if (kind == bind::AggregateKind::Sum) return Value::number(*sum);
    if (kind == bind::AggregateKind::Avg) {
        auto avg = divideNumbers(*sum, Number::exact(static_cast<double>(counted)));
        return avg ? std::optional<Value>(Value::number(*avg)) : std::nullopt;
    }
    return result;
}

} // namespace

Status RuleEngine::evaluateAggregate(const bind::BoundRule& rule) {
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    std::map<std::vector<ValueId>, Group> groups;
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        std::vector<ValueId> key;
        for (const bind::HeadArg& arg : rule.head)
            if (!arg.aggregate)
                key.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                  ? interner_.intern(arg.term.value)
                                  : d.binding[arg.term.variable]);
        Group& group = groups[key];
        if (!group.seen.insert({d.binding, {d.valid.from, d.valid.to}}).second) return;
        Member m{d.binding, d.valid, d.status, {}};
        for (const RowProvenance* p : d.premises) {
            m.provenance.sources.insert(m.provenance.sources.end(), p->sources.begin(),
                                        p->sources.end());
            if (p->reported && (!m.provenance.reported ||
                                p->reported->firstDay() > m.provenance.reported->firstDay()))
                m.provenance.reported = p->reported;
        }
        group.members.push_back(std::move(m));
    });
    if (!completed) return checkLimits();

    TupleTable& target = derivedTable(rule.relation);
    std::vector<ValueId> cells(rule.head.size());
    for (const auto& [key, group] : groups) {
        std::set<DayNumber> cuts;
        for (const Member& m : group.members) {
            cuts.insert(m.valid.from);
            cuts.insert(m.valid.to);
        }
        for (auto cut = cuts.begin(); std::next(cut) != cuts.end(); ++cut) {
            Interval stretch{*cut, *std::next(cut)};
            std::vector<const Member*> active;
            schema::FactStatus status = schema::FactStatus::Actual;
            RowProvenance provenance;
            for (const Member& m : group.members)
                if (m.valid.from <= stretch.from && stretch.to <= m.valid.to) {
                    active.push_back(&m);
                    status = schema::weakest(status, m.status);
                    provenance.sources.insert(provenance.sources.end(),
                                              m.provenance.sources.begin(),
                                              m.provenance.sources.end());
                    if (m.provenance.reported &&
                        (!provenance.reported ||
                         m.provenance.reported->firstDay() > provenance.reported->firstDay()))
                        provenance.reported = m.provenance.reported;
                }
            if (active.empty()) continue;
            bool defined = true;
            size_t k = 0;
            for (size_t i = 0; i < rule.head.size(); ++i) {
                const bind::HeadArg& arg = rule.head[i];
                if (!arg.aggregate) {
                    cells[i] = key[k++];
                    continue;
                }
                auto value =
                    aggregateOf(*arg.aggregate, arg.term.variable, active, interner_, catalog_);
                if (!value)
                    defined = false;
                else
                    cells[i] = interner_.intern(*value);
            }
            if (!defined) continue;
            std::sort(provenance.sources.begin(), provenance.sources.end());
            provenance.sources.erase(
                std::unique(provenance.sources.begin(), provenance.sources.end()),
                provenance.sources.end());
            size_t before = target.size();
            target.add(cells.data(), status, IntervalSet(stretch),
                       options_.trackProvenance ? &provenance : nullptr);
            derivedCount_ += target.size() - before;
        }
    }
    return checkLimits();
}

} // namespace chipgraph::eval
