#pragma once
// Interns values as dense 32-bit ids, so rule evaluation joins and hashes small integers.
//
// The id of a value is found by open addressing over a flat array of (hash tag, id) slots: a
// lookup touches one slot and the value it names, where a node-based map walks a chain of
// separately allocated nodes (aggregates intern a value per result row).
#include "common/value.h"

#include <cstdint>
#include <vector>

namespace chipgraph::eval {

using ValueId = uint32_t;
constexpr ValueId kNoValue = UINT32_MAX; // an unbound variable, a missing qualifier

class Interner {
public:
    // A value already interned is only looked up: nothing moves (threads closing parts of a
    // closure share the interner read-only, eval/parallel_parts.cpp).
    ValueId intern(const Value& value) {
        size_t hash = mixed(value);
        if (!slots_.empty()) {
            size_t mask = slots_.size() - 1;
            size_t i = hash & mask;
            for (; slots_[i].id != kNoValue; i = (i + 1) & mask)
                if (slots_[i].tag == tag(hash) && values_[slots_[i].id] == value)
                    return slots_[i].id;
            if ((values_.size() + 1) * 2 <= slots_.size()) return insertAt(i, hash, value);
        }
        grow();
        size_t mask = slots_.size() - 1;
        size_t i = hash & mask;
        while (slots_[i].id != kNoValue)
            i = (i + 1) & mask;
        return insertAt(i, hash, value);
    }
    // The id of a value already interned, or kNoValue.
    ValueId find(const Value& value) const {
        if (slots_.empty()) return kNoValue;
        size_t hash = mixed(value);
        size_t mask = slots_.size() - 1;
        for (size_t i = hash & mask; slots_[i].id != kNoValue; i = (i + 1) & mask)
            if (slots_[i].tag == tag(hash) && values_[slots_[i].id] == value) return slots_[i].id;
        return kNoValue;
    }
    // Brings the slot where intern(value) starts into the cache: a caller with many values at
    // hand prefetches them all first, so that their cache misses overlap.
    void prefetch(const Value& value) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[mixed(value) & (slots_.size() - 1)]);
    }
    const Value& value(ValueId id) const { return values_[id]; }
    size_t size() const { return values_.size(); }

private:
    struct Slot {
        uint32_t tag = 0; // the hash's high bits: most mismatches never touch the value
        ValueId id = kNoValue;
    };
    // Value::hash keeps an entity's id in its low bits: spread them over the whole word.
    static size_t mixed(const Value& value) {
        uint64_t h = value.hash();
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return static_cast<size_t>(h);
    }
    static uint32_t tag(size_t hash) { return static_cast<uint32_t>(hash >> 32); }
    ValueId insertAt(size_t slot, size_t hash, const Value& value) {
        slots_[slot] = {tag(hash), static_cast<ValueId>(values_.size())};
        values_.push_back(value);
        return slots_[slot].id;
    }
    // Doubles the slots (load stays at most 1/2), re-placing every value by its hash.
    void grow() {
        std::vector<Slot> slots(slots_.empty() ? 64 : slots_.size() * 2);
        size_t mask = slots.size() - 1;
        for (ValueId id = 0; id < values_.size(); ++id) {
            size_t hash = mixed(values_[id]);
            size_t i = hash & mask;
            while (slots[i].id != kNoValue)
                i = (i + 1) & mask;
            slots[i] = {tag(hash), id};
        }
        slots_ = std::move(slots);
    }

    std::vector<Value> values_;
    std::vector<Slot> slots_; // power-of-two size, linear probing
};

} // namespace chipgraph::eval
