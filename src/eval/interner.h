#pragma once
// Interns values as dense 32-bit ids, so rule evaluation joins and hashes small integers.
#include "common/value.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace chipgraph::eval {

using ValueId = uint32_t;
constexpr ValueId kNoValue = UINT32_MAX; // an unbound variable, a missing qualifier

class Interner {
public:
    ValueId intern(const Value& value) {
        auto [it, added] = ids_.try_emplace(value, static_cast<ValueId>(values_.size()));
        if (added) values_.push_back(value);
        return it->second;
    }
    // The id of a value already interned, or kNoValue.
    ValueId find(const Value& value) const {
        auto it = ids_.find(value);
        return it == ids_.end() ? kNoValue : it->second;
    }
    const Value& value(ValueId id) const { return values_[id]; }
    size_t size() const { return values_.size(); }

private:
    std::vector<Value> values_;
    std::unordered_map<Value, ValueId, ValueHash> ids_;
};

} // namespace chipgraph::eval
