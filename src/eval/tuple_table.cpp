#include "eval/tuple_table.h"

#include <algorithm>

namespace chipgraph::eval {

static constexpr RowId kEmptySlot = UINT32_MAX;

IntervalSet TupleTable::validity(RowId r) const {
    if (validMore_[r] != 0) return overflow_[validMore_[r] - 1];
    return IntervalSet(validFirst_[r]);
}

size_t TupleTable::hashRow(const ValueId* cells) const {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < stride_; ++i) {
        h ^= cells[i];
        h *= 1099511628211ull;
        h ^= h >> 29;
    }
    return static_cast<size_t>(h);
}

int64_t TupleTable::find(const ValueId* cells, schema::FactStatus status) const {
    if (slots_.empty()) return -1;
    std::vector<ValueId> key(cells, cells + width_);
    key.push_back(static_cast<ValueId>(status));
    size_t mask = slots_.size() - 1;
    for (size_t i = hashRow(key.data()) & mask;; i = (i + 1) & mask) {
        RowId r = slots_[i];
        if (r == kEmptySlot) return -1;
        if (std::equal(key.begin(), key.end(), row(r))) return r;
    }
}

void TupleTable::growHash() {
    std::vector<RowId> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), kEmptySlot);
    size_t mask = slots_.size() - 1;
    for (RowId r : old) {
        if (r == kEmptySlot) continue;
        size_t i = hashRow(row(r)) & mask;
        while (slots_[i] != kEmptySlot)
            i = (i + 1) & mask;
        slots_[i] = r;
    }
}

static void mergeProvenance(RowProvenance& into, const RowProvenance& from, bool& grew) {
    for (SourceId s : from.sources) {
        auto it = std::lower_bound(into.sources.begin(), into.sources.end(), s);
        if (it == into.sources.end() || *it != s) {
            into.sources.insert(it, s);
            grew = true;
        }
    }
    // First known: the earliest report date over derivations.
    if (from.reported &&
        (!into.reported || from.reported->firstDay() < into.reported->firstDay())) {
        into.reported = from.reported;
        grew = true;
    }
}

TupleTable::Added TupleTable::add(const ValueId* cells, schema::FactStatus status,
                                  const IntervalSet& valid, const RowProvenance* provenance) {
    if (valid.empty()) return {0, {}, false};
    if ((size() + 1) * 2 > slots_.size()) growHash();
    ValueId key[64];
    std::copy(cells, cells + width_, key);
    key[width_] = static_cast<ValueId>(status);
    size_t mask = slots_.size() - 1;
    size_t i = hashRow(key) & mask;
    for (; slots_[i] != kEmptySlot; i = (i + 1) & mask) {
        RowId r = slots_[i];
        if (!std::equal(key, key + stride_, row(r))) continue;
        IntervalSet current = validity(r);
        IntervalSet added = current.unite(valid);
        if (!added.empty()) {
            if (current.parts().size() == 1) {
                // A union can close a gap: back to a single interval, drop the side entry.
                validFirst_[r] = current.parts()[0];
                validMore_[r] = 0;
            } else if (validMore_[r] == 0) {
                overflow_.push_back(current);
                validMore_[r] = static_cast<uint32_t>(overflow_.size());
            } else {
                overflow_[validMore_[r] - 1] = current;
            }
        }
        bool grew = false;
        if (provenance && r < provenance_.size())
            mergeProvenance(provenance_[r], *provenance, grew);
        return {r, std::move(added), grew};
    }
    RowId r = static_cast<RowId>(size());
    slots_[i] = r;
    cells_.insert(cells_.end(), key, key + stride_);
    validFirst_.push_back(valid.parts()[0]);
    if (valid.parts().size() > 1) {
        overflow_.push_back(valid);
        validMore_.push_back(static_cast<uint32_t>(overflow_.size()));
    } else {
        validMore_.push_back(0);
    }
    if (provenance) {
        provenance_.resize(r + 1);
        provenance_[r] = *provenance;
    }
    indexRow(r);
    return {r, valid, provenance != nullptr};
}

void TupleTable::indexRow(RowId r) const {
    for (auto& [column, index] : indexes_)
        index[row(r)[column]].push_back(r);
}

const std::vector<RowId>& TupleTable::lookup(int column, ValueId value) const {
    static const std::vector<RowId> kNone;
    auto [it, created] = indexes_.try_emplace(column);
    if (created)
        for (RowId r = 0; r < size(); ++r)
            it->second[row(r)[column]].push_back(r);
    auto found = it->second.find(value);
    return found == it->second.end() ? kNone : found->second;
}

size_t TupleTable::memoryBytes() const {
    size_t bytes = cells_.capacity() * sizeof(ValueId) + validFirst_.capacity() * sizeof(Interval) +
                   validMore_.capacity() * sizeof(uint32_t) + slots_.capacity() * sizeof(RowId);
    for (const IntervalSet& s : overflow_)
        bytes += sizeof(s) + s.parts().size() * sizeof(Interval);
    for (const auto& [column, index] : indexes_)
        for (const auto& [value, rows] : index)
            bytes += sizeof(value) + sizeof(rows) + rows.capacity() * sizeof(RowId) + 16;
    return bytes;
}

} // namespace chipgraph::eval
