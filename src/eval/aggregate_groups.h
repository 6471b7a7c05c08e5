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
    explicit AggregateGroups(size_t width) : width_(width), stride_(width + 1) {}
    // The number of the group with `key` (width_ values), added if new.
    uint32_t find(const ValueId* key) {
        if ((size() + 1) * 2 > capacity_) grow();
        size_t mask = capacity_ - 1;
        for (size_t i = hashOf(key) & mask;; i = (i + 1) & mask) {
            uint32_t* slot = &slots_[i * stride_];
            if (slot[0] == kEmpty) {
                slot[0] = static_cast<uint32_t>(count_++);
                std::copy(key, key + width_, slot + 1);
                keys_.insert(keys_.end(), key, key + width_);
                return slot[0];
            }
            if (same(key, slot + 1)) return slot[0];
        }
    }
    // Brings the slot where find(key) starts into the cache: a caller with many keys at hand
    // prefetches them all first, so that their cache misses overlap instead of queueing.
    void prefetch(const ValueId* key) const {
        if (capacity_ > 0) __builtin_prefetch(&slots_[(hashOf(key) & (capacity_ - 1)) * stride_]);
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
        capacity_ = std::max<size_t>(64, 2 * capacity_);
        slots_.assign(capacity_ * stride_, kEmpty);
        size_t mask = capacity_ - 1;
        for (uint32_t g = 0; g < size(); ++g) {
            size_t i = hashOf(key(g)) & mask;
            while (slots_[i * stride_] != kEmpty)
                i = (i + 1) & mask;
            slots_[i * stride_] = g;
            std::copy(key(g), key(g) + width_, &slots_[i * stride_ + 1]);
        }
    }
    size_t width_;
    size_t stride_; // a slot: the group's number, then its key
    size_t count_ = 0, capacity_ = 0;
    std::vector<ValueId> keys_; // by group
    // Open addressing, each slot holding its key: a lookup touches one place in memory, not
    // a slot and then the key it names (on a large table, two cache misses).
    std::vector<uint32_t> slots_;
};

// The group key of a match: the head's non-aggregate values in order (a share's: the values
// it totals over), its constants interned once rather than per match.
class HeadKey {
public:
    HeadKey(const bind::BoundRule& rule, Interner& interner) {
        for (const bind::HeadArg& arg : rule.head) {
            if (arg.aggregate && *arg.aggregate == bind::AggregateKind::Share) {
                parts_.clear();
                for (int variable : arg.totalBy)
                    parts_.push_back({kNoValue, variable});
                return;
            }
            if (arg.aggregate) continue;
            if (arg.term.kind == bind::BoundTerm::Kind::Constant)
                parts_.push_back({interner.intern(arg.term.value), -1});
            else
                parts_.push_back({kNoValue, arg.term.variable});
        }
    }
    size_t width() const { return parts_.size(); }
    // The key for a match's variable values; valid until the next call.
    const ValueId* of(const ValueId* binding) {
        key_.clear();
        for (const Part& part : parts_)
            key_.push_back(part.constant != kNoValue ? part.constant : binding[part.variable]);
        return key_.data();
    }

private:
    struct Part {
        ValueId constant; // kNoValue: the variable's value
        int variable;
    };
    std::vector<Part> parts_;
    std::vector<ValueId> key_;
};

// The variable's index when `rule`'s one aggregate is `kind` of a variable (`count(C)`,
// `sum(U)`), else -1: the rules the fast paths without rows may take.
inline int aggregatedVariable(const bind::BoundRule& rule, bind::AggregateKind kind) {
    int variable = -1, aggregates = 0;
    for (const bind::HeadArg& arg : rule.head)
        if (arg.aggregate) {
            ++aggregates;
            if (*arg.aggregate == kind && arg.term.kind == bind::BoundTerm::Kind::Variable)
                variable = arg.term.variable;
        }
    return aggregates == 1 ? variable : -1;
}

} // namespace chipgraph::eval
