// Aggregates in rule heads (count, sum, min, max, avg), grouped by the other head arguments
// and computed over time: the timeline of each group is cut wherever a member starts or stops
// being valid, and every stretch gets the aggregate of the members valid in it.
#include "eval/body_join.h"
#include "eval/expr_eval.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <algorithm>
#include <unordered_map>

namespace chipgraph::eval {
namespace {

// A body match: its binding (a slice of the group's pool), its days, status and sources.
struct Member {
    uint32_t binding; // offset into Group::pool
    Interval valid;
    schema::FactStatus status;
    RowProvenance provenance;
};

struct Group {
    std::vector<ValueId> key; // the non-aggregate head values
    std::vector<ValueId> pool;
    std::vector<Member> members;
};

struct KeyHash {
    size_t operator()(const std::vector<ValueId>& key) const {
        uint64_t h = 1469598103934665603ull;
        for (ValueId v : key)
            h = (h ^ v) * 1099511628211ull;
        return static_cast<size_t>(h ^ (h >> 29));
    }
};

// The aggregate over the members active in a stretch (sorted by binding, so one body match
// backed by two sources on overlapping days sits in adjacent places and counts once); nullopt
// if it has no value.
std::optional<Value> aggregateOf(bind::AggregateKind kind, int variable, const Group& group,
                                 const std::vector<const Member*>& active, size_t width,
                                 const Interner& interner, const schema::Catalog& catalog) {
    auto bindingOf = [&](const Member* m) { return &group.pool[m->binding]; };
    if (kind == bind::AggregateKind::Count) {
        std::vector<ValueId> distinct;
        for (const Member* m : active)
            distinct.push_back(bindingOf(m)[variable]);
        std::sort(distinct.begin(), distinct.end());
        size_t n = std::unique(distinct.begin(), distinct.end()) - distinct.begin();
        return Value::number(Number::exact(static_cast<double>(n)));
    }
    std::optional<Value> result;
    std::optional<Number> sum;
    size_t counted = 0;
    const ValueId* previous = nullptr;
    for (const Member* m : active) {
        const ValueId* binding = bindingOf(m);
        if (previous && std::equal(binding, binding + width, previous)) continue;
        previous = binding;
        ++counted;
        const Value& v = interner.value(binding[variable]);
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

// Members sorted by (binding, days), the same body match on the same days kept once.
void sortMembers(Group& group, size_t width) {
    auto less = [&](const Member& a, const Member& b) {
        const ValueId *x = &group.pool[a.binding], *y = &group.pool[b.binding];
        auto order = std::lexicographical_compare_three_way(x, x + width, y, y + width);
        if (order != 0) return order < 0;
        return std::pair(a.valid.from, a.valid.to) < std::pair(b.valid.from, b.valid.to);
    };
    std::stable_sort(group.members.begin(), group.members.end(), less);
    auto same = [&](const Member& a, const Member& b) { return !less(a, b) && !less(b, a); };
    group.members.erase(std::unique(group.members.begin(), group.members.end(), same),
                        group.members.end());
}

} // namespace

Status RuleEngine::evaluateAggregate(const bind::BoundRule& rule) {
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    const size_t width = rule.body.variables.size();
    std::vector<Group> groups; // in order of first match: deterministic
    std::unordered_map<std::vector<ValueId>, uint32_t, KeyHash> groupOf;
    std::vector<ValueId> key;
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        key.clear();
        for (const bind::HeadArg& arg : rule.head)
            if (!arg.aggregate)
                key.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                  ? interner_.intern(arg.term.value)
                                  : d.binding[arg.term.variable]);
        auto [it, fresh] = groupOf.try_emplace(key, static_cast<uint32_t>(groups.size()));
        if (fresh) groups.push_back({key, {}, {}});
        Group& group = groups[it->second];
        Member m{static_cast<uint32_t>(group.pool.size()), d.valid, d.status, {}};
        group.pool.insert(group.pool.end(), d.binding.begin(), d.binding.end());
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
    std::vector<DayNumber> cuts;
    std::vector<const Member*> active;
    for (Group& group : groups) {
        sortMembers(group, width);
        cuts.clear();
        for (const Member& m : group.members) {
            cuts.push_back(m.valid.from);
            cuts.push_back(m.valid.to);
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (size_t c = 0; c + 1 < cuts.size(); ++c) {
            Interval stretch{cuts[c], cuts[c + 1]};
            active.clear();
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
                    cells[i] = group.key[k++];
                    continue;
                }
                auto value = aggregateOf(*arg.aggregate, arg.term.variable, group, active, width,
                                         interner_, catalog_);
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
