// Aggregates in rule heads (count, sum, min, max, avg, hhi, share), grouped by the other head
// arguments and computed over time: the timeline of each group is cut wherever a member starts or
// stops being valid, and every stretch gets the aggregate of the members valid in it.
#include "eval/aggregate_groups.h"
#include "eval/aggregate_share.h"
#include "eval/body_join.h"
#include "eval/claim_filter.h"
#include "eval/expr_eval.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <algorithm>
#include <iterator>
#include <optional>
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

// The aggregate over the members active in a stretch (sorted by binding, so one body match
// backed by two sources on overlapping days sits in adjacent places and counts once); nullopt
// if it has no value.
std::optional<Value> aggregateOf(bind::AggregateKind kind, int variable,
                                 const std::vector<ValueId>& pool,
                                 std::span<const Member* const> active, size_t width,
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
        case bind::AggregateKind::Hhi: {
            Number square = squareNumber(v.numberValue());
            sum = sum ? addNumbers(*sum, square) : square;
            break;
        }
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
    if (kind == bind::AggregateKind::Sum || kind == bind::AggregateKind::Hhi)
        return Value::number(*sum);
    if (kind == bind::AggregateKind::Avg) {
        auto avg = divideNumbers(*sum, Number::exact(static_cast<double>(counted)));
        return avg ? std::optional<Value>(Value::number(*avg)) : std::nullopt;
    }
    return result;
}

// Members sorted by group (first matched first), then (binding, days, status); the same body
// match on the same days kept once, with its strongest status. Groups are dense numbers: a counting
// sort places them (stably), then each group, small as a rule, is sorted on its own.
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
        for (size_t i = 0; i < width; ++i) // a plain loop: bindings are a few cells
            if (x[i] != y[i]) return x[i] < y[i];
        if (!(a.valid == b.valid))
            return std::pair(a.valid.from, a.valid.to) < std::pair(b.valid.from, b.valid.to);
        return a.status < b.status; // the strongest first: the one kept
    };
    // A match that holds with several statuses (rows of one tuple) counts once, its strongest:
    // whichever was derived first would depend on the order of evaluation.
    auto same = [&](const Member& a, const Member& b) {
        return std::equal(&pool[a.binding], &pool[a.binding] + width, &pool[b.binding]) &&
               a.valid == b.valid;
    };
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
    // Amounts per period are never cut (claim_filter.h): each distinct period is a stretch of
    // its own, holding the members stated for exactly that period.
    void buildByPeriod(const std::vector<Member>& members, size_t first, size_t last) {
        byPeriod_ = true;
        periods_.clear();
        active_.clear();
        offsets_.assign(1, 0);
        for (size_t m = first; m < last; ++m)
            active_.push_back(&members[m]);
        // Stable: members of one period stay sorted by binding (aggregateOf relies on it).
        std::stable_sort(active_.begin(), active_.end(), [](const Member* a, const Member* b) {
            return std::pair(a->valid.from, a->valid.to) < std::pair(b->valid.from, b->valid.to);
        });
        for (size_t i = 0; i < active_.size(); ++i) {
            if (i == 0 || !(active_[i]->valid == active_[i - 1]->valid)) {
                periods_.push_back(active_[i]->valid);
                offsets_.push_back(offsets_.back());
            }
            ++offsets_.back();
        }
    }

    void build(const std::vector<Member>& members, size_t first, size_t last) {
        byPeriod_ = false;
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
    size_t size() const {
        if (byPeriod_) return periods_.size();
        return cuts_.empty() ? 0 : cuts_.size() - 1;
    }
    Interval stretch(size_t c) const {
        return byPeriod_ ? periods_[c] : Interval{cuts_[c], cuts_[c + 1]};
    }
    // The members valid throughout stretch `c`.
    std::span<const Member* const> active(size_t c) const {
        return {active_.data() + offsets_[c], offsets_[c + 1] - offsets_[c]};
    }

private:
    uint32_t indexOf(DayNumber day) const {
        // A group has a handful of cuts: counting those before `day` has no branch to
        // mispredict, where a binary search mispredicts every other step.
        if (cuts_.size() <= 32) {
            uint32_t before = 0;
            for (DayNumber cut : cuts_)
                before += cut < day;
            return before;
        }
        return static_cast<uint32_t>(std::lower_bound(cuts_.begin(), cuts_.end(), day) -
                                     cuts_.begin());
    }
    bool byPeriod_ = false;
    std::vector<Interval> periods_; // byPeriod_: the stretches
    std::vector<DayNumber> cuts_;
    std::vector<uint32_t> offsets_, cursor_;           // per stretch, into active_
    std::vector<std::pair<uint32_t, uint32_t>> spans_; // per member: the stretches it covers
    std::vector<const Member*> active_;
};

// Turns the members of one group into rows: one per stretch, holding the aggregates of the
// members valid in it, their weakest status and their premises' provenance merged.
class GroupRows {
public:
    GroupRows(const bind::BoundRule& rule, const std::vector<ValueId>& pool,
              const std::vector<const RowProvenance*>& premises, Interner& interner,
              const schema::Catalog& catalog, bool provenance, bool byPeriod)
        : rule_(rule), pool_(pool), premises_(premises), interner_(interner), catalog_(catalog),
          cells_(rule.head.size()), byPeriod_(byPeriod), share_(shareArgument(rule) != nullptr) {
        if (provenance) provenance_.emplace();
    }

    // Adds the rows of the group with key `group`, whose members are [first, last).
    void add(const std::vector<Member>& members, size_t first, size_t last, const ValueId* group,
             TupleTable& into) {
        buildStretches(members, first, last);
        for (size_t c = 0; c < stretches_.size(); ++c) {
            std::span<const Member* const> active = stretches_.active(c);
            if (share_) {
                addShares(active, stretches_.stretch(c), into);
                continue;
            }
            if (active.empty() || !cellsOf(active, group)) continue;
            schema::FactStatus status = merge(active);
            into.add(cells_.data(), status, IntervalSet(stretches_.stretch(c)),
                     provenance_ ? &*provenance_ : nullptr);
        }
    }

    // Appends the rows of the group to `target`, none of whose rows belong to this group.
    // Rows whose cells and status repeat (a sum equal in two stretches) are merged in
    // `scratch` first, as add() would merge them.
    void append(const std::vector<Member>& members, size_t first, size_t last, const ValueId* group,
                TupleTable& target, TupleTable& scratch) {
        buildStretches(members, first, last);
        const size_t width = cells_.size();
        rowCells_.clear();
        rows_.clear();
        bool repeats = false;
        for (size_t c = 0; c < stretches_.size(); ++c) {
            std::span<const Member* const> active = stretches_.active(c);
            if (active.empty() || !cellsOf(active, group)) continue;
            Row row{c, statusOf(active)};
            for (size_t i = 0; i < rows_.size() && !repeats; ++i)
                repeats = rows_[i].status == row.status &&
                          std::equal(cells_.begin(), cells_.end(), &rowCells_[i * width]);
            rows_.push_back(row);
            rowCells_.insert(rowCells_.end(), cells_.begin(), cells_.end());
        }
        for (size_t i = 0; i < rows_.size(); ++i) {
            std::span<const Member* const> active = stretches_.active(rows_[i].stretch);
            mergeProvenance(active);
            const RowProvenance* provenance = provenance_ ? &*provenance_ : nullptr;
            IntervalSet valid(stretches_.stretch(rows_[i].stretch));
            if (repeats)
                scratch.add(&rowCells_[i * width], rows_[i].status, valid, provenance);
            else
                target.appendNew(&rowCells_[i * width], rows_[i].status, valid, provenance);
        }
        if (repeats) {
            target.appendDistinct(scratch);
            scratch.clear();
        }
    }

private:
    // A share's rows of one stretch: one per distinct head row, each resting on every member
    // (the total is theirs).
    void addShares(std::span<const Member* const> active, Interval stretch, TupleTable& into) {
        const size_t width = rule_.body.variables.size(), cells = cells_.size();
        bindings_.clear();
        for (const Member* m : active)
            if (bindings_.empty() ||
                !std::equal(bindings_.back(), bindings_.back() + width, &pool_[m->binding]))
                bindings_.push_back(&pool_[m->binding]);
        shareCells_.clear();
        size_t rows = shareRows(rule_, bindings_, interner_, shareCells_);
        if (rows == 0) return;
        schema::FactStatus status = merge(active);
        for (size_t r = 0; r < rows; ++r)
            into.add(&shareCells_[r * cells], status, IntervalSet(stretch),
                     provenance_ ? &*provenance_ : nullptr);
    }

    void buildStretches(const std::vector<Member>& members, size_t first, size_t last) {
        if (byPeriod_)
            stretches_.buildByPeriod(members, first, last);
        else
            stretches_.build(members, first, last);
    }

    // The row's cells: the group's values and the aggregates; false if one has no value.
    bool cellsOf(std::span<const Member* const> active, const ValueId* group) {
        const size_t width = rule_.body.variables.size();
        size_t k = 0;
        for (size_t i = 0; i < rule_.head.size(); ++i) {
            const bind::HeadArg& arg = rule_.head[i];
            if (!arg.aggregate) {
                cells_[i] = group[k++];
                continue;
            }
            auto value = aggregateOf(*arg.aggregate, arg.term.variable, pool_, active, width,
                                     interner_, catalog_, distinct_);
            if (!value) return false;
            cells_[i] = interner_.intern(*value);
        }
        return true;
    }

    // The weakest status of the members; their premises' provenance into provenance_.
    schema::FactStatus merge(std::span<const Member* const> active) {
        mergeProvenance(active);
        return statusOf(active);
    }
    static schema::FactStatus statusOf(std::span<const Member* const> active) {
        schema::FactStatus status = schema::FactStatus::Actual;
        for (const Member* member : active)
            status = schema::weakest(status, member->status);
        return status;
    }
    // The members' premises' sources and latest first-known date into provenance_ (when
    // tracked).
    void mergeProvenance(std::span<const Member* const> active) {
        if (!provenance_) return;
        // Premises point into their tables' pooled entries (eval/provenance_pool.h), which
        // never change: the members of a stretch share two or three, each merged once, and a
        // stretch with the same ones as the last keeps its provenance.
        entries_.clear();
        bool complete = true; // entries_ holds every distinct entry (up to 8 are kept)
        for (const Member* member : active)
            for (uint32_t p = 0; p < member->premiseCount; ++p) {
                const RowProvenance* premise = premises_[member->premises + p];
                if (std::find(entries_.begin(), entries_.end(), premise) != entries_.end())
                    continue;
                if (entries_.size() < 8)
                    entries_.push_back(premise);
                else
                    complete = false;
            }
        if (complete && mergedValid_ && entries_ == merged_) return;
        RowProvenance& out = provenance_.value();
        out.sources.clear();
        out.reported.reset();
        auto mergeIn = [&](const RowProvenance& premise) {
            // Members mostly share their sources: skip a repeat of the last one.
            for (SourceId source : premise.sources)
                if (out.sources.empty() || out.sources.back() != source)
                    out.sources.push_back(source);
            if (premise.reported && premise.reported != out.reported &&
                (!out.reported || premise.reported->firstDay() > out.reported->firstDay()))
                out.reported = premise.reported;
        };
        if (complete) {
            for (const RowProvenance* premise : entries_)
                mergeIn(*premise);
        } else { // merging an entry again is harmless
            for (const Member* member : active)
                for (uint32_t p = 0; p < member->premiseCount; ++p)
                    mergeIn(*premises_[member->premises + p]);
        }
        std::sort(out.sources.begin(), out.sources.end());
        out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
        merged_.swap(entries_);
        mergedValid_ = complete;
    }

    const bind::BoundRule& rule_;
    const std::vector<ValueId>& pool_;
    const std::vector<const RowProvenance*>& premises_;
    Interner& interner_;
    const schema::Catalog& catalog_;
    std::optional<RowProvenance> provenance_; // reused: no allocation per stretch once grown
    std::vector<ValueId> cells_, distinct_;
    std::vector<const RowProvenance*> merged_, entries_; // the last stretch's, this one's
    bool mergedValid_ = false; // provenance_ is the merge of exactly merged_
    Stretches stretches_;
    bool byPeriod_; // amounts per period: grouped by period, never cut
    bool share_;    // share(U by V): rows per head row, groups per V
    std::vector<const ValueId*> bindings_;
    std::vector<ValueId> shareCells_;
    struct Row {
        size_t stretch;
        schema::FactStatus status;
    };
    std::vector<Row> rows_;         // append(): the group's rows,
    std::vector<ValueId> rowCells_; // and their cells
};

} // namespace

Status RuleEngine::evaluateAggregate(const bind::BoundRule& rule) {
    if (Status counted = Status::ok(); countWithoutRows(rule, counted)) return counted;
    if (Status summed = Status::ok(); sumWithoutRows(rule, summed)) return summed;
    auto cardinality = [&](RelationId r) { return table(r).size(); };
    plan::QueryPlan plan = plan::planQuery(rule.body, cardinality);
    const size_t width = rule.body.variables.size();
    HeadKey headKey(rule, interner_);
    AggregateGroups groups(headKey.width()); // in order of first match: deterministic
    const bool byPeriod = aggregatesAmounts(rule, catalog_, rules_);
    std::vector<ValueId> pool;
    std::vector<Member> members;
    // The premises' provenance stays put: a body reads lower strata only, never the table
    // being written.
    std::vector<const RowProvenance*> premises;
    BodyJoin join(*this, rule.body, plan);
    bool completed = join.run(nullptr, [&](const Derivation& d) {
        uint32_t group = groups.find(headKey.of(d.binding.data()));
        // Under a window, an amount within it counts for the whole window asked about.
        Interval valid = byPeriod && options_.window ? *options_.window : d.valid;
        members.push_back({group, static_cast<uint32_t>(pool.size()), valid, d.status,
                           static_cast<uint32_t>(premises.size()),
                           static_cast<uint32_t>(d.premises.size())});
        pool.insert(pool.end(), d.binding.begin(), d.binding.end());
        premises.insert(premises.end(), d.premises.begin(), d.premises.end());
    });
    if (!completed) return checkLimits();
    sortMembers(members, groups.size(), pool, width);

    TupleTable& target = derivedTable(rule.relation);
    // Rows of different groups never share a key (the group's values are part of it), so each
    // group's rows are appended without probing the target's hash (on a large table, a cache
    // miss per row). Unless another rule's rows are there already. Groups have about as many
    // stretches as members.
    const bool appendGroups = target.size() == 0 && !shareArgument(rule);
    if (appendGroups)
        target.reserveRows(members.size() + groups.size());
    else
        target.reserve(target.size() + members.size() + groups.size(), options_.trackProvenance);
    TupleTable scratch(target.width());
    GroupRows rows(rule, pool, premises, interner_, catalog_, options_.trackProvenance, byPeriod);
    for (size_t first = 0, last = 0; first < members.size(); first = last) {
        for (last = first; last < members.size() && members[last].group == members[first].group;)
            ++last;
        size_t before = target.size();
        const ValueId* group = groups.key(members[first].group);
        if (appendGroups)
            rows.append(members, first, last, group, target, scratch);
        else
            rows.add(members, first, last, group, target);
        derivedCount_ += target.size() - before;
    }
    return checkLimits();
}

} // namespace chipgraph::eval
