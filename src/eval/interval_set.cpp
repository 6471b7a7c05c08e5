#include "eval/interval_set.h"

#include <algorithm>

namespace chipgraph::eval {

bool IntervalSet::overlaps(const Interval& interval) const {
    return std::any_of(parts_.begin(), parts_.end(),
                       [&](const Interval& p) { return p.overlaps(interval); });
}

void IntervalSet::add(const Interval& interval) {
    if (interval.empty()) return;
    // Merge with every part it overlaps or touches.
    Interval merged = interval;
    std::vector<Interval> out;
    out.reserve(parts_.size() + 1);
    bool placed = false;
    for (const Interval& p : parts_) {
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
    parts_ = std::move(out);
}

IntervalSet IntervalSet::unite(const IntervalSet& other) {
    IntervalSet added = other.subtract(*this);
    for (const Interval& p : added.parts_)
        add(p);
    return added;
}

IntervalSet IntervalSet::intersect(const Interval& interval) const {
    IntervalSet out;
    for (const Interval& p : parts_) {
        Interval i = p.intersect(interval);
        if (!i.empty()) out.parts_.push_back(i);
    }
    return out;
}

IntervalSet IntervalSet::subtract(const IntervalSet& other) const {
    IntervalSet out;
    for (Interval p : parts_) {
        for (const Interval& q : other.parts_) {
            if (q.to <= p.from || q.from >= p.to) continue;
            if (q.from > p.from) out.parts_.push_back({p.from, q.from});
            p.from = q.to;
            if (p.empty()) break;
        }
        if (!p.empty()) out.parts_.push_back(p);
    }
    return out;
}

} // namespace chipgraph::eval
