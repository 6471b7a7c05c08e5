#pragma once
// A set of days as sorted, disjoint, non-adjacent half-open intervals: the validity of a
// derived fact (the union over its derivations, minus what negation removes).
//
// Almost every validity is a single interval, and rule evaluation builds one per derivation; a
// union's new days are often two pieces (a range widened on both sides). Up to two intervals
// live inline, so those cases never allocate; three or more spill to a vector.
#include "common/partial_date.h"

#include <span>
#include <vector>

namespace chipgraph::eval {

class IntervalSet {
public:
    IntervalSet() = default;
    explicit IntervalSet(const Interval& interval) {
        if (!interval.empty()) small_[0] = interval, size_ = 1;
    }

    bool empty() const { return size_ == 0; }
    std::span<const Interval> parts() const {
        return size_ <= kInline ? std::span<const Interval>(small_, size_)
                                : std::span<const Interval>(many_);
    }
    bool overlaps(const Interval& interval) const;

    // Adds `other`; returns the part of it that was not already in the set.
    IntervalSet unite(const IntervalSet& other);
    IntervalSet intersect(const Interval& interval) const;
    IntervalSet subtract(const IntervalSet& other) const;
    bool operator==(const IntervalSet& other) const;

private:
    void add(const Interval& interval);    // keeps the invariants
    void append(const Interval& interval); // after every part, not touching the last

    static constexpr uint32_t kInline = 2;
    uint32_t size_ = 0;
    Interval small_[kInline];    // the parts when size_ <= kInline
    std::vector<Interval> many_; // all the parts when size_ > kInline
};

} // namespace chipgraph::eval
