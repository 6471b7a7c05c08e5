#pragma once
// Groups of an aggregate rule by their keys (the non-aggregate head values), numbered densely
// in order of first match: keys stored flat, found by open addressing — no allocation per
// group or per lookup.
#include "bind/bound.h"
#include "eval/interner.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace chipgraph::eval {

class AggregateGroups {
public:
    explicit AggregateGroups(size_t width) : width_(width) {}
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
            if (same(key, this->key(slots_[i]))) return slots_[i];
        }
    }
    const ValueId* key(uint32_t group) const { return keys_.data() + group * width_; }
    size_t size() const { return count_; }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    // A plain loop: keys are a cell or two, where std::equal calls memcmp.
    bool same(const ValueId* a, const ValueId* b) const {
        for (size_t i = 0; i < width_; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
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

// The group key of a match: the head's non-aggregate values in order, its constants interned
// once rather than per match.
class HeadKey {
public:
    HeadKey(const bind::BoundRule& rule, Interner& interner) : rule_(rule) {
        for (const bind::HeadArg& arg : rule.head)
            constants_.push_back(arg.term.kind == bind::BoundTerm::Kind::Constant
                                     ? interner.intern(arg.term.value)
                                     : kNoValue);
    }
    // The key for a match's variable values; valid until the next call.
    const ValueId* of(const ValueId* binding) {
        key_.clear();
        for (size_t i = 0; i < rule_.head.size(); ++i)
            if (!rule_.head[i].aggregate)
                key_.push_back(constants_[i] != kNoValue ? constants_[i]
                                                         : binding[rule_.head[i].term.variable]);
        return key_.data();
    }

private:
    const bind::BoundRule& rule_;
    std::vector<ValueId> constants_, key_;
};

} // namespace chipgraph::eval
