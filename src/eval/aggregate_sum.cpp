// A `sum` rule whose every body match holds on the same days with the same status (its
// premises all timeless, say) and is a distinct binding (no wildcard or qualifier left
// unread, so two matches never bind the same values) needs none of aggregate.cpp's members:
// each group is one row, valid on those days, its total added up as the matches arrive. The
// total must come out as the general path's would, which adds a group's members in the order
// of their bindings: so the fast path applies only while every bound of every value is a
// whole number (or infinite) and all of them together stay below 2^52, where adding doubles
// is exact in any order. Otherwise it gives way (aggregates of money with cents, say).
// Provenance must be off (RuleEngine::evaluateStratum sets it on the rows afterwards).
#include "eval/aggregate_groups.h"
#include "eval/body_join.h"
#include "eval/claim_filter.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <cmath>

namespace chipgraph::eval {
namespace {

// Whether a match's binding determines its rows: every atom reads every cell of its table
// (a variable or a constant in each, no qualifier, no provenance filter). Then distinct
// matches (rows of unique tables, all of one status) have distinct bindings, and the general
// path's "the same binding counts once" has nothing to merge.
template <class TableOf> bool bindingsAreDistinct(const bind::BoundQuery& body, TableOf&& table) {
    for (const bind::BoundAtom& atom : body.atoms) {
        if (!atom.qualifiers.empty() || atom.provenance.any() ||
            table(atom.relation).width() != static_cast<int>(atom.args.size()))
            return false;
        for (const bind::BoundTerm& t : atom.args)
            if (t.kind == bind::BoundTerm::Kind::Wildcard) return false;
    }
    return true;
}

// A group's running total, added as the general path adds (addNumbers), with the bound on
// the magnitudes that makes the order of additions irrelevant.
class ExactTotals {
public:
    // Adds `value` to group `group`'s total (the first value starts it); false once a value
    // is not whole or the magnitudes grow too large for exact addition.
    bool add(uint32_t group, const Number& value) {
        if (!whole(value.lo) || !whole(value.hi)) return false;
        if (group >= totals_.size()) totals_.resize(group + 1);
        std::optional<Number>& total = totals_[group];
        total = total ? addNumbers(*total, value) : value;
        return magnitude_ < kExactBelow;
    }
    const Number& total(uint32_t group) const { return *totals_[group]; }

private:
    // 2^52: a margin below 2^53, the first integer a double cannot hold next to its neighbour.
    static constexpr double kExactBelow = 4503599627370496.0;
    bool whole(double bound) {
        if (std::isinf(bound)) return true;
        magnitude_ += std::fabs(bound);
        return bound == std::floor(bound);
    }
    std::vector<std::optional<Number>> totals_;
    double magnitude_ = 0; // every finite bound's absolute value, summed
};

// Matches waiting to be added to their groups' totals, in batches: their groups' slots and
// their values are prefetched together first, so that the cache misses of a large aggregate
// (a group table and values that outgrow the cache) overlap instead of queueing.
class MatchBatch {
public:
    static constexpr size_t kSize = 64;
    explicit MatchBatch(size_t width) : width_(width) {}
    // Adds a match (its group key and summed value); true when the batch is full.
    bool add(const ValueId* key, ValueId value) {
        keys_.insert(keys_.end(), key, key + width_);
        values_.push_back(value);
        return values_.size() == kSize;
    }
    // Adds the batch to `totals`; false as ExactTotals::add says.
    bool addTo(AggregateGroups& groups, ExactTotals& totals, const Interner& interner) {
        for (size_t m = 0; m < values_.size(); ++m) {
            groups.prefetch(keys_.data() + m * width_); // (a head of the sum alone: no key)
            __builtin_prefetch(&interner.value(values_[m]));
        }
        for (size_t m = 0; m < values_.size(); ++m)
            if (!totals.add(groups.find(keys_.data() + m * width_),
                            interner.value(values_[m]).numberValue()))
                return false;
        return true;
    }
    void clear() { keys_.clear(), values_.clear(); }

private:
    size_t width_;
    std::vector<ValueId> keys_, values_;
};

// Appends each group's row to `target`, which holds no rows yet: its key and its total (the
// totals interned a batch at a time, prefetched as above). Returns the rows added.
size_t appendRows(const bind::BoundRule& rule, const AggregateGroups& groups,
                  const ExactTotals& totals, Interval valid, schema::FactStatus status,
                  Interner& interner, TupleTable& target) {
    target.reserveRows(groups.size());
    std::vector<ValueId> cells(rule.head.size());
    std::vector<Value> batch;
    for (uint32_t first = 0; first < groups.size(); first += MatchBatch::kSize) {
        uint32_t last = std::min<uint32_t>(groups.size(), first + MatchBatch::kSize);
        batch.clear();
        for (uint32_t g = first; g < last; ++g)
            interner.prefetch(batch.emplace_back(Value::number(totals.total(g))));
        for (uint32_t g = first; g < last; ++g) {
            const ValueId* key = groups.key(g);
            for (size_t i = 0, k = 0; i < rule.head.size(); ++i)
                cells[i] = rule.head[i].aggregate ? interner.intern(batch[g - first]) : key[k++];
            target.appendNew(cells.data(), status, valid);
        }
    }
    return groups.size();
}

} // namespace

bool RuleEngine::sumWithoutRows(const bind::BoundRule& rule, Status& status) {
    int summed = aggregatedVariable(rule, bind::AggregateKind::Sum);
    Interval valid;
    schema::FactStatus matchStatus;
    auto tableOf = [&](RelationId r) -> const TupleTable& { return table(r); };
    // Rows of different groups never share a key, so into an empty table each is appended
    // without probing its hash; another rule's rows there first go the general way.
    if (options_.trackProvenance || summed < 0 || derivedTable(rule.relation).size() > 0 ||
        aggregatesAmounts(rule, catalog_, rules_) ||
        !uniformMatches(rule.body, valid, matchStatus) || !bindingsAreDistinct(rule.body, tableOf))
        return false;
    HeadKey headKey(rule, interner_);
    AggregateGroups groups(headKey.width());
    ExactTotals totals;
    MatchBatch batch(headKey.width());
    bool exact = true;
    auto addBatch = [&] {
        exact = exact && batch.addTo(groups, totals, interner_);
        batch.clear();
    };
    auto cardinality = [&](RelationId r) { return this->table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        if (batch.add(headKey.of(d.binding.data()), d.binding[summed])) addBatch();
    });
    addBatch();
    if (!completed) {
        status = checkLimits();
        return true;
    }
    if (!exact) return false; // nothing written yet: the general path starts afresh
    derivedCount_ += appendRows(rule, groups, totals, valid, matchStatus, interner_,
                                derivedTable(rule.relation));
    status = checkLimits();
    return true;
}

} // namespace chipgraph::eval
