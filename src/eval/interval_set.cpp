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

void IntervalSet::append(const Interval& interval) {
    if (size_ == 0) {
        one_ = interval;
    } else if (size_ == 1) {
        many_.assign({one_, interval});
    } else {
        many_.push_back(interval);
    }
    ++size_;
}

void IntervalSet::assign(std::vector<Interval>&& parts) {
    size_ = static_cast<uint32_t>(parts.size());
    if (size_ == 1) one_ = parts[0];
    if (size_ <= 1)
        many_.clear();
    else
        many_ = std::move(parts);
}

void IntervalSet::add(const Interval& interval) {
    if (interval.empty()) return;
    if (size_ == 0) {
        one_ = interval, size_ = 1;
        return;
    }
    if (size_ == 1 && interval.from <= one_.to && one_.from <= interval.to) {
        one_ = {std::min(one_.from, interval.from), std::max(one_.to, interval.to)};
        return;
    }
    // Merge with every part it overlaps or touches.
    Interval merged = interval;
    std::vector<Interval> out;
    out.reserve(size_ + 1);
    bool placed = false;
    for (const Interval& p : parts()) {
        if (p.to < merged.from) {
            out.push_back(p);
        } else if (merged.to < p.from) {
            if (!placed) out.push_back(merged), placed = true;
            out.push_back(p);
        } else {
            merged.from = std::min(merged.from, p.from);
            merged.to = std::max(merged.to, p.to);
        }
    }
    if (!placed) out.push_back(merged);
    assign(std::move(out));
}

IntervalSet IntervalSet::unite(const IntervalSet& other) {
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
