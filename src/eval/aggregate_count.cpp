// A `count` rule whose every body match holds on the same days with the same status (its
// premises are all timeless, say) needs none of aggregate.cpp's timeline: each group is one
// row, valid on those days, counting the distinct values of one variable. So the matches are
// kept as (group, value) pairs, 8 bytes each, instead of members with their bindings (about
// 60 bytes each, sorted in a copy): counting the pairs of a closure of millions of facts
// costs a fraction of its memory and time. Provenance must be off (it is when every premise
// holds the same one: RuleEngine::evaluateStratum sets it on the rows afterwards).
#include "eval/aggregate_groups.h"
#include "eval/body_join.h"
#include "eval/claim_filter.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <algorithm>

namespace chipgraph::eval {

bool RuleEngine::uniformMatches(const bind::BoundQuery& body, Interval& valid,
                                schema::FactStatus& status) {
    if (!body.negations.empty()) return false;
    valid = Interval::always();
    status = schema::FactStatus::Actual;
    for (const bind::BoundAtom& atom : body.atoms) {
        Interval rows;
        schema::FactStatus rowStatus;
        if (!table(atom.relation).uniformRows(rows, rowStatus)) return false;
        valid = valid.intersect(rows);
        status = schema::weakest(status, rowStatus);
    }
    return !valid.empty();
}

// The counted variable's index, if `rule` is a plain count that countWithoutRows can take.
static int countedVariable(const bind::BoundRule& rule) {
    int counted = -1, aggregates = 0;
    for (const bind::HeadArg& arg : rule.head)
        if (arg.aggregate) {
            ++aggregates;
            if (*arg.aggregate == bind::AggregateKind::Count &&
                arg.term.kind == bind::BoundTerm::Kind::Variable)
                counted = arg.term.variable;
        }
    return aggregates == 1 ? counted : -1;
}

// The number of distinct values in each group: `pairs` (group << 32 | value) placed by group
// (a counting sort: groups are dense), then each group's values sorted on their own.
static std::vector<uint32_t> distinctPerGroup(const std::vector<uint64_t>& pairs, size_t groups) {
    std::vector<uint32_t> start(groups + 1, 0);
    for (uint64_t p : pairs)
        ++start[(p >> 32) + 1];
    for (size_t g = 1; g <= groups; ++g)
        start[g] += start[g - 1];
    std::vector<ValueId> values(pairs.size());
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint64_t p : pairs)
        values[next[p >> 32]++] = static_cast<ValueId>(p);
    std::vector<uint32_t> counts(groups);
    for (size_t g = 0; g < groups; ++g) {
        auto first = values.begin() + start[g], last = values.begin() + start[g + 1];
        std::sort(first, last);
        counts[g] = static_cast<uint32_t>(std::unique(first, last) - first);
    }
    return counts;
}

bool RuleEngine::countWithoutRows(const bind::BoundRule& rule, Status& status) {
    int counted = countedVariable(rule);
    Interval valid;
    schema::FactStatus matchStatus;
    if (options_.trackProvenance || counted < 0 || aggregatesAmounts(rule, catalog_, rules_) ||
        !uniformMatches(rule.body, valid, matchStatus))
        return false;
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    HeadKey headKey(rule, interner_);
    AggregateGroups groups(rule.head.size() - 1);
    std::vector<uint64_t> pairs;
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        pairs.push_back(uint64_t{groups.find(headKey.of(d.binding.data()))} << 32 |
                        d.binding[counted]);
    });
    if (!completed) {
        status = checkLimits();
        return true;
    }
    std::vector<uint32_t> counts = distinctPerGroup(pairs, groups.size());
    pairs = {};
    TupleTable& target = derivedTable(rule.relation);
    std::vector<ValueId> cells(rule.head.size());
    for (uint32_t g = 0; g < groups.size(); ++g) {
        const ValueId* group = groups.key(g);
        for (size_t i = 0, k = 0; i < rule.head.size(); ++i)
            cells[i] =
                rule.head[i].aggregate
                    ? interner_.intern(Value::number(Number::exact(static_cast<double>(counts[g]))))
                    : group[k++];
        size_t before = target.size();
        target.add(cells.data(), matchStatus, IntervalSet(valid), nullptr);
        derivedCount_ += target.size() - before;
    }
    status = checkLimits();
    return true;
}

} // namespace chipgraph::eval
