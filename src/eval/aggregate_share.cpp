// share(U by V...) per stretch: the rows' amounts summed per row (a row matched twice adds both,
// as sum does), then each row's share of the group's total.
#include "eval/aggregate_share.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace chipgraph::eval {

namespace {

// A row's amount as an interval, with what kinds of numbers went into it.
struct Amount {
    double lo = 0, hi = 0;
    bool approx = false;
};

// Amounts are never below zero: a bound `<50000` reads as 0..50000. False for a value below
// zero (or a bound that can only be).
bool addAmount(const Number& n, Amount& to) {
    if (n.lo < 0 && n.kind != NumberKind::Less) return false;
    if (n.hi < 0) return false;
    to.lo += std::max(n.lo, 0.0);
    to.hi += n.hi;
    to.approx = to.approx || n.kind == NumberKind::Approx;
    return true;
}

// x / (x + y) for x in [a, b] and y in [c, d] (ends may be infinite above): it grows with x and
// falls with y, so its bounds are a / (a + d) and b / (b + c). nullopt when x + y is zero.
// A point is approximate when an approximate amount went into it, as in value.h's arithmetic.
std::optional<Number> shareOf(const Amount& own, double othersLo, double othersHi, bool anyApprox) {
    if (own.hi + othersHi == 0) return std::nullopt; // every amount is zero
    // An own amount of zero with no others can only be zero (undefined): the share is what
    // it is whenever defined, 100.
    double lo = own.lo + othersHi == 0 ? 1 : own.lo / (own.lo + othersHi);
    double hi = std::isinf(own.hi) ? 1 : own.hi + othersLo == 0 ? 0 : own.hi / (own.hi + othersLo);
    lo *= 100;
    hi *= 100;
    if (lo == hi) return anyApprox ? Number::approx(lo) : Number::exact(lo);
    return Number::range(lo, hi);
}

} // namespace

const bind::HeadArg* shareArgument(const bind::BoundRule& rule) {
    for (const bind::HeadArg& arg : rule.head)
        if (arg.aggregate && *arg.aggregate == bind::AggregateKind::Share) return &arg;
    return nullptr;
}

size_t shareRows(const bind::BoundRule& rule, std::span<const ValueId* const> bindings,
                 Interner& interner, std::vector<ValueId>& rows) {
    const bind::HeadArg* share = shareArgument(rule);
    std::map<std::vector<ValueId>, Amount> amounts; // by the row's head values, in order
    std::vector<ValueId> key;
    for (const ValueId* binding : bindings) {
        key.clear();
        for (const bind::HeadArg& arg : rule.head)
            if (!arg.aggregate)
                key.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                  ? interner.intern(arg.term.value)
                                  : binding[arg.term.variable]);
        const Value& value = interner.value(binding[share->term.variable]);
        if (!addAmount(value.numberValue(), amounts[key])) return 0;
    }
    std::vector<const std::pair<const std::vector<ValueId>, Amount>*> members;
    bool anyApprox = false;
    for (const auto& member : amounts) {
        members.push_back(&member);
        anyApprox = anyApprox || member.second.approx;
    }
    // The others' total of each row: sums before and after it, never a subtraction (which
    // would round, and cannot take an infinite bound out again).
    const size_t n = members.size();
    std::vector<double> beforeLo(n + 1, 0), beforeHi(n + 1, 0), afterLo(n + 1, 0),
        afterHi(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        beforeLo[i + 1] = beforeLo[i] + members[i]->second.lo;
        beforeHi[i + 1] = beforeHi[i] + members[i]->second.hi;
        afterLo[n - 1 - i] = afterLo[n - i] + members[n - 1 - i]->second.lo;
        afterHi[n - 1 - i] = afterHi[n - i] + members[n - 1 - i]->second.hi;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) {
        std::optional<Number> part = shareOf(members[i]->second, beforeLo[i] + afterLo[i + 1],
                                             beforeHi[i] + afterHi[i + 1], anyApprox);
        if (!part) continue;
        size_t k = 0;
        for (const bind::HeadArg& arg : rule.head)
            rows.push_back(arg.aggregate ? interner.intern(Value::number(*part))
                                         : members[i]->first[k++]);
        ++count;
    }
    return count;
}

} // namespace chipgraph::eval
