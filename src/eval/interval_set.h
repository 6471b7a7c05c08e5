#pragma once
// A set of days as sorted, disjoint, non-adjacent half-open intervals: the validity of a
// derived fact (the union over its derivations, minus what negation removes).
#include "common/partial_date.h"

#include <vector>

namespace chipgraph::eval {

class IntervalSet {
public:
    IntervalSet() = default;
    explicit IntervalSet(const Interval& interval) {
        if (!interval.empty()) parts_.push_back(interval);
    }

    bool empty() const { return parts_.empty(); }
    const std::vector<Interval>& parts() const { return parts_; }
    bool overlaps(const Interval& interval) const;

    // Adds `other`; returns the part of it that was not already in the set.
    IntervalSet unite(const IntervalSet& other);
    IntervalSet intersect(const Interval& interval) const;
    IntervalSet subtract(const IntervalSet& other) const;
    bool operator==(const IntervalSet&) const = default;

private:
    void add(const Interval& interval); // keeps the invariants
    std::vector<Interval> parts_;
};

} // namespace chipgraph::eval
