#pragma once
// A set of days as sorted, disjoint, non-adjacent half-open intervals: the validity of a
// derived fact (the union over its derivations, minus what negation removes).
//
// Almost every validity is a single interval, and rule evaluation builds one per derivation; a
// union's new days are often two pieces (a range widened on both sides). Up to two intervals
// live inline, so those cases never allocate; three or more spill to a vector.
#include "common/partial_date.h"

#include <span>

namespace chipgraph::eval {

class IntervalSet {
public:
    IntervalSet() = default;
    explicit IntervalSet(const Interval& interval) {
        if (!interval.empty()) small_[0] = interval, size_ = 1;
    }
    // Copies and moves are a few words unless the set has spilled: rule evaluation makes one
    // per derivation it records.
    IntervalSet(const IntervalSet& other)
        : size_(other.size_), small_{other.small_[0], other.small_[1]} {
        if (size_ > kInline) copyHeap(other);
    }
    IntervalSet(IntervalSet&& other) noexcept
        : size_(other.size_), capacity_(other.capacity_), small_{other.small_[0], other.small_[1]},
          heap_(other.heap_) {
        other.heap_ = nullptr, other.size_ = 0, other.capacity_ = 0;
    }
    IntervalSet& operator=(const IntervalSet& other) {
        if (this == &other) return *this;
        size_ = other.size_;
        small_[0] = other.small_[0], small_[1] = other.small_[1];
        if (size_ > kInline) copyHeap(other);
        return *this;
    }
    IntervalSet& operator=(IntervalSet&& other) noexcept {
        if (this == &other) return *this;
        delete[] heap_;
        size_ = other.size_, capacity_ = other.capacity_;
        small_[0] = other.small_[0], small_[1] = other.small_[1];
        heap_ = other.heap_;
        other.heap_ = nullptr, other.size_ = 0, other.capacity_ = 0;
        return *this;
    }
    ~IntervalSet() { delete[] heap_; }

    bool empty() const { return size_ == 0; }
    std::span<const Interval> parts() const { return {size_ <= kInline ? small_ : heap_, size_}; }
    bool overlaps(const Interval& interval) const;

    // Adds `other`; returns the part of it that was not already in the set.
    IntervalSet unite(const IntervalSet& other);
    // Adds days when what is new does not matter (a round's delta gathering a row's days).
    void add(const Interval& interval);
    void merge(const IntervalSet& other) {
        for (const Interval& p : other.parts())
            add(p);
    }
    IntervalSet intersect(const Interval& interval) const;
    IntervalSet subtract(const IntervalSet& other) const;
    bool operator==(const IntervalSet& other) const;

private:
    void addSlow(const Interval& interval);  // add() beyond one held interval
    void append(const Interval& interval);   // after every part, not touching the last
    void copyHeap(const IntervalSet& other); // other's spilled parts, size_ already set

    static constexpr uint32_t kInline = 2;
    uint32_t size_ = 0;
    uint32_t capacity_ = 0;    // of heap_
    Interval small_[kInline];  // the parts when size_ <= kInline
    Interval* heap_ = nullptr; // all the parts when size_ > kInline
};

} // namespace chipgraph::eval
