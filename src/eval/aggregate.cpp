// Aggregates in rule heads (count, sum, min, max, avg), grouped by the other head arguments
// and computed over time: the timeline of each group is cut wherever a member starts or stops
// being valid, and every stretch gets the aggregate of the members valid in it.
#include "eval/body_join.h"
#include "eval/expr_eval.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <algorithm>
#include <iterator>
#include <span>

namespace chipgraph::eval {
namespace {

// A body match: its binding (a slice of the pool), its days, status and premises (a slice of
// the premise list). Members of all groups sit in one vector, so a match allocates nothing.
struct Member {
    uint32_t group;
    uint32_t binding; // offset into the binding pool
    Interval valid;
    schema::FactStatus status;
    uint32_t premises, premiseCount; // into the premise list
};

// Groups by their keys (the non-aggregate head values), numbered in order of first match:
// keys stored flat, found by open addressing — no allocation per group or per lookup.
class Groups {
public:
    explicit Groups(size_t width) : width_(width) {}
    // The number of the group with `key` (width_ values), added if new.
    uint32_t find(const ValueId* key) {
        if ((size() + 1) * 2 > slots_.size()) grow();
        size_t hash = hashOf(key), mask = slots_.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            if (slots_[i] == kEmpty) {
                slots_[i] = static_cast<uint32_t>(count_++);
                keys_.insert(keys_.end(), key, key + width_);
                return slots_[i];
            }
            if (std::equal(key, key + width_, this->key(slots_[i]))) return slots_[i];
        }
    }
    const ValueId* key(uint32_t group) const { return keys_.data() + group * width_; }
    size_t size() const { return count_; }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    size_t hashOf(const ValueId* key) const {
        uint64_t h = 1469598103934665603ull;
        for (size_t i = 0; i < width_; ++i)
            h = (h ^ key[i]) * 1099511628211ull;
        return static_cast<size_t>(h ^ (h >> 29));
    }
    void grow() {
        slots_.assign(std::max<size_t>(64, 2 * slots_.size()), kEmpty);
        size_t mask = slots_.size() - 1;
        for (uint32_t g = 0; g < size(); ++g) {
            size_t i = hashOf(key(g)) & mask;
            while (slots_[i] != kEmpty)
                i = (i + 1) & mask;
            slots_[i] = g;
        }
    }
    size_t width_;
    size_t count_ = 0;
    std::vector<ValueId> keys_;
    std::vector<uint32_t> slots_;
};

// The aggregate over the members active in a stretch (sorted by binding, so one body match
// backed by two sources on overlapping days sits in adjacent places and counts once); nullopt
// if it has no value.
std::optional<Value> aggregateOf(bind::AggregateKind kind, int variable,
                                 const std::vector<ValueId>& pool,
                                 const std::vector<const Member*>& active, size_t width,
                                 const Interner& interner, const schema::Catalog& catalog,
                                 std::vector<ValueId>& distinct) {
    auto bindingOf = [&](const Member* m) { return &pool[m->binding]; };
    if (kind == bind::AggregateKind::Count) {
        distinct.clear();
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

// Members sorted by group (first matched first), then (binding, days); the same body match on
// the same days kept once (the first derived). Groups are dense numbers: a counting sort
// places them (stably), then each group, small as a rule, is sorted on its own.
void sortMembers(std::vector<Member>& members, size_t groups, const std::vector<ValueId>& pool,
                 size_t width) {
    std::vector<uint32_t> start(groups + 1, 0);
    for (const Member& m : members)
        ++start[m.group + 1];
    for (size_t g = 1; g <= groups; ++g)
        start[g] += start[g - 1];
    std::vector<Member> sorted(members.size());
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (const Member& m : members)
        sorted[next[m.group]++] = m;
    auto less = [&](const Member& a, const Member& b) {
        const ValueId *x = &pool[a.binding], *y = &pool[b.binding];
        auto order = std::lexicographical_compare_three_way(x, x + width, y, y + width);
        if (order != 0) return order < 0;
        return std::pair(a.valid.from, a.valid.to) < std::pair(b.valid.from, b.valid.to);
    };
    auto same = [&](const Member& a, const Member& b) { return !less(a, b) && !less(b, a); };
    members.clear();
    for (size_t g = 0; g < groups; ++g) {
        auto first = sorted.begin() + start[g], last = sorted.begin() + start[g + 1];
        if (last - first > 16) {
            std::stable_sort(first, last, less);
        } else { // insertion sort: stable, and no buffer to allocate as stable_sort does
            for (auto i = first; i != last; ++i)
                for (auto j = i; j != first && less(*j, *(j - 1)); --j)
                    std::iter_swap(j, j - 1);
        }
        std::unique_copy(first, last, std::back_inserter(members), same);
    }
}

// A group's timeline cut wherever one of its members starts or stops being valid, and the
// members active in each stretch (in member order). Each member is placed in the stretches it
// covers, found by binary search: the work follows the output, not members x stretches.
class Stretches {
public:
    void build(const std::vector<Member>& members, size_t first, size_t last) {
        cuts_.clear();
        for (size_t m = first; m < last; ++m) {
            cuts_.push_back(members[m].valid.from);
            cuts_.push_back(members[m].valid.to);
        }
        std::sort(cuts_.begin(), cuts_.end());
        cuts_.erase(std::unique(cuts_.begin(), cuts_.end()), cuts_.end());
        offsets_.assign(cuts_.size() + 1, 0);
        spans_.clear();
        for (size_t m = first; m < last; ++m) {
            uint32_t from = indexOf(members[m].valid.from), to = indexOf(members[m].valid.to);
            spans_.push_back({from, to});
            for (uint32_t c = from; c < to; ++c)
                ++offsets_[c + 1];
        }
        for (size_t c = 1; c < offsets_.size(); ++c)
            offsets_[c] += offsets_[c - 1];
        active_.resize(offsets_.back());
        cursor_.assign(offsets_.begin(), offsets_.end());
        for (size_t m = first; m < last; ++m)
            for (uint32_t c = spans_[m - first].first; c < spans_[m - first].second; ++c)
                active_[cursor_[c]++] = &members[m];
    }
    size_t size() const { return cuts_.empty() ? 0 : cuts_.size() - 1; }
    Interval stretch(size_t c) const { return {cuts_[c], cuts_[c + 1]}; }
    // The members valid throughout stretch `c`.
    std::span<const Member* const> active(size_t c) const {
        return {active_.data() + offsets_[c], offsets_[c + 1] - offsets_[c]};
    }

private:
    uint32_t indexOf(DayNumber day) const {
        return static_cast<uint32_t>(std::lower_bound(cuts_.begin(), cuts_.end(), day) -
                                     cuts_.begin());
    }
    std::vector<DayNumber> cuts_;
    std::vector<uint32_t> offsets_, cursor_;           // per stretch, into active_
    std::vector<std::pair<uint32_t, uint32_t>> spans_; // per member: the stretches it covers
    std::vector<const Member*> active_;
};

} // namespace

Status RuleEngine::evaluateAggregate(const bind::BoundRule& rule) {
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    const size_t width = rule.body.variables.size();
    // Constants in the head are interned once, not per match.
    std::vector<ValueId> constants;
    for (const bind::HeadArg& arg : rule.head)
        constants.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                ? interner_.intern(arg.term.value)
                                : kNoValue);
    size_t keyWidth = 0;
    for (const bind::HeadArg& arg : rule.head)
        keyWidth += !arg.aggregate;
    Groups groups(keyWidth); // in order of first match: deterministic
    std::vector<ValueId> key, pool;
    std::vector<Member> members;
    // The premises' provenance stays put: a body reads lower strata only, never the table
    // being written.
    std::vector<const RowProvenance*> premises;
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        key.clear();
        for (size_t i = 0; i < rule.head.size(); ++i)
            if (!rule.head[i].aggregate)
                key.push_back(constants[i] != kNoValue ? constants[i]
                                                       : d.binding[rule.head[i].term.variable]);
        uint32_t group = groups.find(key.data());
        members.push_back({group, static_cast<uint32_t>(pool.size()), d.valid, d.status,
                           static_cast<uint32_t>(premises.size()),
                           static_cast<uint32_t>(d.premises.size())});
        pool.insert(pool.end(), d.binding.begin(), d.binding.end());
        premises.insert(premises.end(), d.premises.begin(), d.premises.end());
    });
    if (!completed) return checkLimits();
    sortMembers(members, groups.size(), pool, width);

    TupleTable& target = derivedTable(rule.relation);
    // Groups have about as many stretches as members: room for that many rows (more still fit).
    target.reserve(target.size() + members.size() + groups.size(), options_.trackProvenance);
    std::vector<ValueId> cells(rule.head.size()), distinct;
    Stretches stretches;
    std::vector<const Member*> active;
    RowProvenance provenance; // reused: no allocation per stretch once grown
    // Premises point into their tables' pooled entries (eval/provenance_pool.h): the members of
    // a stretch mostly share two or three, each merged once.
    std::vector<const RowProvenance*> merged;
    for (size_t first = 0, last = 0; first < members.size(); first = last) {
        const ValueId* group = groups.key(members[first].group);
        for (last = first; last < members.size() && members[last].group == members[first].group;)
            ++last;
        stretches.build(members, first, last);
        for (size_t c = 0; c < stretches.size(); ++c) {
            Interval stretch = stretches.stretch(c);
            std::span<const Member* const> inStretch = stretches.active(c);
            active.assign(inStretch.begin(), inStretch.end());
            schema::FactStatus status = schema::FactStatus::Actual;
            provenance.sources.clear();
            provenance.reported.reset();
            merged.clear();
            for (const Member* member : active) {
                status = schema::weakest(status, member->status);
                for (uint32_t p = 0; p < member->premiseCount; ++p) {
                    const RowProvenance& premise = *premises[member->premises + p];
                    if (std::find(merged.begin(), merged.end(), &premise) != merged.end()) continue;
                    if (merged.size() < 8) merged.push_back(&premise); // merging again is harmless
                    // Members mostly share their sources: skip a repeat of the last one.
                    for (SourceId source : premise.sources)
                        if (provenance.sources.empty() || provenance.sources.back() != source)
                            provenance.sources.push_back(source);
                    if (premise.reported &&
                        (!provenance.reported ||
                         premise.reported->firstDay() > provenance.reported->firstDay()))
                        provenance.reported = premise.reported;
                }
            }
            if (active.empty()) continue;
            bool defined = true;
            size_t k = 0;
            for (size_t i = 0; i < rule.head.size(); ++i) {
                const bind::HeadArg& arg = rule.head[i];
                if (!arg.aggregate) {
                    cells[i] = group[k++];
                    continue;
                }
                auto value = aggregateOf(*arg.aggregate, arg.term.variable, pool, active, width,
                                         interner_, catalog_, distinct);
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
