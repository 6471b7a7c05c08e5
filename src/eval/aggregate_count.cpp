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

// Whether every row of `body`'s one atom is a distinct match, so that counting rows counts
// distinct values: the atom's arguments are distinct variables filling the whole row (no
// qualifier column, rows of a table are unique), each a group key or the counted variable,
// and the comparisons are `=` or `!=` between two variables (exact equality: interned ids).
static bool rowsAreMatches(const bind::BoundRule& rule, int counted, const TupleTable& table) {
    const bind::BoundQuery& body = rule.body;
    if (body.atoms.size() != 1) return false;
    const bind::BoundAtom& atom = body.atoms[0];
    if (!atom.qualifiers.empty() || atom.provenance.any() ||
        table.width() != static_cast<int>(atom.args.size()))
        return false;
    std::vector<bool> keyed(body.variables.size(), false), seen(body.variables.size(), false);
    for (const bind::HeadArg& arg : rule.head)
        if (!arg.aggregate && arg.term.kind == bind::BoundTerm::Kind::Variable)
            keyed[arg.term.variable] = true;
    for (const bind::BoundTerm& t : atom.args) {
        if (t.kind != bind::BoundTerm::Kind::Variable || seen[t.variable]) return false;
        if (!keyed[t.variable] && t.variable != counted) return false;
        seen[t.variable] = true;
    }
    auto variable = [](const bind::BoundExpr& e) {
        return e.isTerm && e.term.kind == bind::BoundTerm::Kind::Variable;
    };
    for (const bind::BoundComparison& c : body.comparisons)
        if ((c.op != bind::CompareOp::Eq && c.op != bind::CompareOp::Ne) || c.assigns >= 0 ||
            !variable(c.lhs) || !variable(c.rhs))
            return false;
    return std::find(seen.begin(), seen.end(), false) == seen.end(); // all read from the row
}

// Per group, the rows of the one atom that pass the comparisons (rowsAreMatches); empty when
// `stop()` (polled every so many rows) said so. `ids`: the interner's size (every value in the
// table is below it).
template <class Stop>
static std::vector<uint32_t> countRows(const bind::BoundRule& rule, const TupleTable& table,
                                       HeadKey& headKey, AggregateGroups& groups, size_t ids,
                                       Stop&& stop) {
    const bind::BoundQuery& body = rule.body;
    std::vector<int> columnOf(body.variables.size(), -1);
    for (size_t c = 0; c < body.atoms[0].args.size(); ++c)
        columnOf[body.atoms[0].args[c].variable] = static_cast<int>(c);
    // A group key of one variable: its group found by the value's id, the hash probed once
    // per group rather than per row.
    int keyColumn = -1, keys = 0;
    for (const bind::HeadArg& arg : rule.head)
        if (!arg.aggregate) {
            ++keys;
            if (arg.term.kind == bind::BoundTerm::Kind::Variable)
                keyColumn = columnOf[arg.term.variable];
        }
    constexpr uint32_t kUnseen = UINT32_MAX;
    std::vector<uint32_t> groupOf(keys == 1 && keyColumn >= 0 ? ids : 0, kUnseen);
    std::vector<uint32_t> counts;
    std::vector<ValueId> binding(body.variables.size(), kNoValue);
    for (RowId r = 0; r < table.size(); ++r) {
        if ((r & 0xFFFF) == 0xFFFF && stop()) return {};
        const ValueId* row = table.row(r);
        bool pass = true;
        for (const bind::BoundComparison& c : body.comparisons)
            pass = pass && ((row[columnOf[c.lhs.term.variable]] ==
                             row[columnOf[c.rhs.term.variable]]) == (c.op == bind::CompareOp::Eq));
        if (!pass) continue;
        uint32_t group = groupOf.empty() ? kUnseen : groupOf[row[keyColumn]];
        if (group == kUnseen) {
            for (size_t v = 0; v < binding.size(); ++v)
                binding[v] = row[columnOf[v]];
            group = groups.find(headKey.of(binding.data()));
            if (!groupOf.empty()) groupOf[row[keyColumn]] = group;
        }
        if (group >= counts.size()) counts.resize(group + 1, 0);
        ++counts[group];
    }
    return counts;
}

bool RuleEngine::countWithoutRows(const bind::BoundRule& rule, Status& status) {
    int counted = aggregatedVariable(rule, bind::AggregateKind::Count);
    Interval valid;
    schema::FactStatus matchStatus;
    if (options_.trackProvenance || counted < 0 || aggregatesAmounts(rule, catalog_, rules_) ||
        !uniformMatches(rule.body, valid, matchStatus))
        return false;
    HeadKey headKey(rule, interner_);
    AggregateGroups groups(rule.head.size() - 1);
    std::vector<uint32_t> counts;
    if (rule.body.atoms.size() == 1 &&
        rowsAreMatches(rule, counted, table(rule.body.atoms[0].relation))) {
        Status limits = Status::ok();
        counts = countRows(rule, table(rule.body.atoms[0].relation), headKey, groups,
                           interner_.size(), [&] { return !(limits = checkLimits()).isOk(); });
        if (!limits) {
            status = limits;
            return true;
        }
    } else {
        auto cardinality = [&](RelationId r) { return this->table(r).size(); };
        plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
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
        counts = distinctPerGroup(pairs, groups.size());
    }
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
