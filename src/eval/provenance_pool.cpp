#include "eval/provenance_pool.h"

#include <algorithm>

namespace chipgraph::eval {

size_t ProvenancePool::hashOf(const RowProvenance& p) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (SourceId s : p.sources)
        mix(static_cast<uint64_t>(s));
    mix(p.reported ? 1 : 0);
    if (p.reported) {
        mix(static_cast<uint64_t>(p.reported->precision));
        mix(static_cast<uint64_t>(p.reported->year));
        mix(static_cast<uint64_t>(p.reported->part) << 8 | static_cast<uint64_t>(p.reported->day));
    }
    h ^= h >> 29;
    return static_cast<size_t>(h);
}

ProvenancePool::Id ProvenancePool::intern(const RowProvenance& p) {
    if (last_ != kNone && *entries_[last_] == p) return last_;
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = hashOf(p) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == kNone) {
            slots_[i] = static_cast<Id>(entries_.size());
            entries_.push_back(std::make_unique<const RowProvenance>(p));
            return last_ = slots_[i];
        }
        if (*entries_[slots_[i]] == p) return last_ = slots_[i];
    }
}

void ProvenancePool::grow() {
    slots_.assign(std::max<size_t>(16, slots_.size() * 2), kNone);
    size_t mask = slots_.size() - 1;
    for (Id id = 0; id < entries_.size(); ++id) {
        size_t i = hashOf(*entries_[id]) & mask;
        while (slots_[i] != kNone)
            i = (i + 1) & mask;
        slots_[i] = id;
    }
}

void ProvenancePool::clear() {
    entries_.clear();
    std::fill(slots_.begin(), slots_.end(), kNone);
    last_ = kNone;
}

} // namespace chipgraph::eval
