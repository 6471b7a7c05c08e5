#include "eval/interval_set.h"

#include <algorithm>

namespace chipgraph::eval {

bool IntervalSet::overlaps(const Interval& interval) const {
    for (const Interval& p : parts())
        if (p.overlaps(interval)) return true;
    return false;
}

bool IntervalSet::operator==(const IntervalSet& other) const {
    auto a = parts(), b = other.parts();
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void IntervalSet::copyHeap(const IntervalSet& other) {
    if (capacity_ < size_) {
        delete[] heap_;
        heap_ = new Interval[size_];
        capacity_ = size_;
    }
    std::copy(other.heap_, other.heap_ + size_, heap_);
}

void IntervalSet::append(const Interval& interval) {
    if (size_ < kInline) {
        small_[size_++] = interval;
        return;
    }
    if (size_ >= capacity_) {
        uint32_t capacity = std::max<uint32_t>(2 * kInline, 2 * capacity_);
        auto* grown = new Interval[capacity];
        const Interval* from = size_ == kInline ? small_ : heap_;
        std::copy(from, from + size_, grown);
        delete[] heap_;
        heap_ = grown, capacity_ = capacity;
    } else if (size_ == kInline) {
        std::copy(small_, small_ + kInline, heap_);
    }
    heap_[size_++] = interval;
}

void IntervalSet::add(const Interval& interval) {
    if (interval.empty()) return;
    if (size_ == 0) {
        small_[0] = interval, size_ = 1;
        return;
    }
    if (size_ == 1) {
        Interval& held = small_[0];
        if (interval.from <= held.to && held.from <= interval.to) {
            held = {std::min(held.from, interval.from), std::max(held.to, interval.to)};
        } else if (interval.to < held.from) {
            small_[1] = held, held = interval, size_ = 2;
        } else {
            small_[1] = interval, size_ = 2;
        }
        return;
    }
    addSlow(interval);
}

void IntervalSet::addSlow(const Interval& interval) {
    // Merge with every part it overlaps or touches (built inline while it fits).
    Interval merged = interval;
    IntervalSet out;
    bool placed = false;
    for (const Interval& p : parts()) {
        if (p.to < merged.from) {
            out.append(p);
        } else if (merged.to < p.from) {
            if (!placed) out.append(merged), placed = true;
            out.append(p);
        } else {
            merged.from = std::min(merged.from, p.from);
            merged.to = std::max(merged.to, p.to);
        }
    }
    if (!placed) out.append(merged);
    *this = std::move(out);
}

IntervalSet IntervalSet::unite(const IntervalSet& other) {
    // Two single intervals that overlap or touch, as most derivations that widen a fact's
    // validity: the new days are at most one piece on each side.
    if (size_ == 1 && other.size_ == 1) {
        Interval& held = small_[0];
        const Interval& v = other.small_[0];
        if (v.from <= held.to && held.from <= v.to) {
            IntervalSet added;
            if (v.from < held.from) added.append({v.from, held.from});
            if (held.to < v.to) added.append({held.to, v.to});
            held = {std::min(held.from, v.from), std::max(held.to, v.to)};
            return added;
        }
    }
    IntervalSet added = other.subtract(*this);
    for (const Interval& p : added.parts())
        add(p);
    return added;
}

IntervalSet IntervalSet::intersect(const Interval& interval) const {
    IntervalSet out;
    for (const Interval& p : parts()) {
        Interval i = p.intersect(interval);
        if (!i.empty()) out.append(i);
    }
    return out;
}

IntervalSet IntervalSet::subtract(const IntervalSet& other) const {
    IntervalSet out;
    for (Interval p : parts()) {
        for (const Interval& q : other.parts()) {
            if (q.to <= p.from || q.from >= p.to) continue;
            if (q.from > p.from) out.append({p.from, q.from});
            p.from = q.to;
            if (p.empty()) break;
        }
        if (!p.empty()) out.append(p);
    }
    return out;
}

} // namespace chipgraph::eval
