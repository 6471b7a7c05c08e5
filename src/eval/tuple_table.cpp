#include "eval/tuple_table.h"

#include <algorithm>

namespace chipgraph::eval {

size_t TupleTable::hashRow(const ValueId* cells) const {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < key_; ++i) {
        h ^= cells[i];
        h *= 1099511628211ull;
        h ^= h >> 29;
    }
    return static_cast<size_t>(h);
}

// A plain loop: rows are a handful of cells, and std::equal becomes a memcmp call.
static bool sameCells(const ValueId* a, const ValueId* b, int n) {
    for (int i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// Rows are rehashed in row order (sequential reads of the cells), a block at a time with
// their new slots prefetched: growing a table of millions of rows is otherwise a cache miss
// per row, twice.
void TupleTable::grow(size_t n) {
    size_t slots = std::max<size_t>(16, slots_.size() * 2);
    while ((rows_ + n) * 2 > slots)
        slots *= 2;
    slots_.assign(slots, kEmptySlot);
    insertSlots(0, static_cast<RowId>(rows_));
}

void TupleTable::insertSlots(RowId begin, RowId end) {
    size_t mask = slots_.size() - 1;
    constexpr RowId kBlock = 16;
    size_t hashes[kBlock];
    for (RowId first = begin; first < end; first += kBlock) {
        RowId n = std::min<RowId>(kBlock, end - first);
        for (RowId k = 0; k < n; ++k) {
            hashes[k] = hashRow(row(first + k)) & mask;
            __builtin_prefetch(&slots_[hashes[k]], 1);
        }
        for (RowId k = 0; k < n; ++k) {
            size_t i = hashes[k];
            while (slots_[i] != kEmptySlot)
                i = (i + 1) & mask;
            slots_[i] = first + k;
        }
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

bool TupleTable::uniformRows(Interval& valid, schema::FactStatus& status) const {
    if (rows_ == 0 || !singleValidity(0, valid)) return false;
    status = this->status(0);
    for (RowId r = 1; r < rows_; ++r)
        if (const ValueId* c = row(r) + width_; c[0] != static_cast<ValueId>(status) ||
                                                c[1] != static_cast<ValueId>(valid.from) ||
                                                c[2] != static_cast<ValueId>(valid.to))
            return false;
    return true;
}

const RowProvenance* TupleTable::sharedProvenance() const {
    if (shared_ != kNoShared) return rows_ > 0 ? &pool_.at(shared_) : nullptr;
    return rows_ > 0 && provenance_.size() == rows_ && pool_.size() == 1 ? &pool_.at(0) : nullptr;
}

void TupleTable::setSharedProvenance(const RowProvenance& provenance) {
    provenance_.clear();
    pool_.clear();
    shared_ = pool_.intern(provenance);
}

void TupleTable::unshare() {
    if (shared_ == kNoShared) return;
    provenance_.assign(rows_, shared_);
    shared_ = kNoShared;
}

TupleTable::Added TupleTable::add(const ValueId* cells, schema::FactStatus status,
                                  const IntervalSet& valid, const RowProvenance* provenance) {
    if (valid.empty()) return {0, {}, false};
    unshare();
    makeRoom(1);
    ValueId key[64];
    std::copy(cells, cells + width_, key);
    key[width_] = static_cast<ValueId>(status);
    return addKey(key, hashRow(key), valid, provenance);
}

bool TupleTable::holds(RowId r, const Interval& days) const {
    Interval held = interval(r);
    if (held.from != kOverflow) return held.from <= days.from && days.to <= held.to;
    for (const Interval& part : overflow_[static_cast<size_t>(held.to)].parts())
        if (part.from <= days.from && days.to <= part.to) return true;
    return false;
}

size_t TupleTable::probe(const ValueId* key, size_t hash) const {
    size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i] != kEmptySlot && !sameCells(key, row(slots_[i]), key_))
        i = (i + 1) & mask;
    return i;
}

RowId TupleTable::appendRow(size_t slot, const ValueId* key) {
    RowId r = static_cast<RowId>(rows_++);
    slots_[slot] = r;
    std::copy(key, key + key_, cells_.extend(static_cast<size_t>(stride_)));
    return r;
}

TupleTable::Added TupleTable::addInterval(const ValueId* key, size_t hash, const Interval& valid) {
    if (valid.empty()) return {0, {}, false};
    size_t slot = probe(key, hash);
    if (RowId r = slots_[slot]; r != kEmptySlot) {
        if (holds(r, valid)) return {r, {}, false};
        return widen(r, valid);
    }
    RowId r = appendRow(slot, key);
    setInterval(r, valid);
    if (!indexes_.empty()) indexRow(r);
    return {r, IntervalSet(valid), false};
}

TupleTable::Added TupleTable::addOne(const ValueId* key, const Interval& valid) {
    makeRoom(1);
    return addInterval(key, hashRow(key), valid);
}

TupleTable::Added TupleTable::addKey(const ValueId* key, size_t hash, const IntervalSet& valid,
                                     const RowProvenance* provenance) {
    if (valid.empty()) return {0, {}, false};
    size_t slot = probe(key, hash);
    if (RowId r = slots_[slot]; r != kEmptySlot) {
        // Most derivations of a known row bring no new day: answer that without set algebra
        // (or copying a row's several intervals).
        if (!provenance && valid.parts().size() == 1 && holds(r, valid.parts()[0]))
            return {r, {}, false};
        Added added = widen(r, valid);
        if (provenance && r < provenance_.size() && provenance != this->provenance(r)) {
            merged_ = pool_.at(provenance_[r]); // the entry stays as it is: rows share it
            mergeProvenance(merged_, *provenance, added.provenanceGrew);
            if (added.provenanceGrew) provenance_[r] = pool_.intern(merged_);
        }
        return added;
    }
    RowId r = appendRow(slot, key);
    setNewRow(r, valid, provenance);
    indexRow(r);
    return {r, valid, provenance != nullptr};
}

// A derivation widening a single interval it overlaps or touches (most new days of a known
// row) stays a single interval: the new days are at most a piece on each side.
TupleTable::Added TupleTable::widen(RowId r, const Interval& valid) {
    Interval held;
    if (!singleValidity(r, held) || valid.from > held.to || held.from > valid.to)
        return widen(r, IntervalSet(valid));
    Added out{r, {}, false};
    if (valid.from < held.from) out.added.add({valid.from, held.from});
    if (held.to < valid.to) out.added.add({held.to, valid.to});
    setInterval(r, {std::min(held.from, valid.from), std::max(held.to, valid.to)});
    return out;
}

TupleTable::Added TupleTable::widen(RowId r, const IntervalSet& valid) {
    IntervalSet current = validity(r);
    IntervalSet added = current.unite(valid);
    if (!added.empty()) {
        if (current.parts().size() == 1) {
            // A union can close a gap: back to a single interval (the side entry stays
            // unused; gaps closing are rare).
            setInterval(r, current.parts()[0]);
        } else if (interval(r).from != kOverflow) {
            overflow_.push_back(std::move(current));
            setInterval(r, {kOverflow, static_cast<DayNumber>(overflow_.size() - 1)});
        } else {
            overflow_[static_cast<size_t>(interval(r).to)] = std::move(current);
        }
    }
    return {r, std::move(added), false};
}

void TupleTable::reserve(size_t rows, bool provenance) {
    if (rows > rows_) makeRoom(rows - rows_);
    reserveRows(rows);
    if (provenance) provenance_.reserve(rows);
}

void TupleTable::compact() {
    // Shrinking copies the table: worth it for a doubling's headroom, not for a little slack.
    if (cells_.capacity() - cells_.size() > cells_.size() / 8) cells_.shrinkToFit();
    overflow_.shrink_to_fit();
    provenance_.shrink_to_fit();
}

void TupleTable::reserveRows(size_t rows) {
    cells_.reserve(rows * static_cast<size_t>(stride_));
}

void TupleTable::clear() {
    rows_ = 0;
    cells_.clear();
    overflow_.clear();
    provenance_.clear();
    pool_.clear();
    shared_ = kNoShared;
    std::fill(slots_.begin(), slots_.end(), kEmptySlot);
    indexes_.clear();
}

void TupleTable::appendDistinct(const TupleTable& other) {
    unshare();
    RowId first = static_cast<RowId>(rows_);
    cells_.append(other.cells_.data(), other.cells_.data() + other.rows_ * stride_);
    rows_ += other.rows_;
    // Multi-interval rows point into the overflow table by index: move those indexes along.
    for (RowId r = first; r < rows_; ++r)
        if (Interval v = interval(r); v.from == kOverflow) {
            overflow_.push_back(other.overflow_[static_cast<size_t>(v.to)]);
            setInterval(r, {kOverflow, static_cast<DayNumber>(overflow_.size() - 1)});
        }
    if (!other.provenance_.empty()) {
        if (provenance_.size() < first) provenance_.resize(first, pool_.intern(RowProvenance{}));
        // Each of the other pool's entries found in this one once.
        std::vector<ProvenancePool::Id> ids(other.pool_.size(), kEmptySlot);
        for (ProvenancePool::Id id : other.provenance_) {
            if (ids[id] == kEmptySlot) ids[id] = pool_.intern(other.pool_.at(id));
            provenance_.push_back(ids[id]);
        }
    } else if (const RowProvenance* shared = other.sharedProvenance()) {
        if (provenance_.size() < first) provenance_.resize(first, pool_.intern(RowProvenance{}));
        provenance_.resize(rows_, pool_.intern(*shared));
    }
    slots_.clear();
    slots_.shrink_to_fit();
    for (RowId r = first; r < rows_ && !indexes_.empty(); ++r)
        indexRow(r);
}

void TupleTable::appendNew(const ValueId* cells, schema::FactStatus status,
                           const IntervalSet& valid, const RowProvenance* provenance) {
    if (!slots_.empty()) {
        slots_.clear();
        slots_.shrink_to_fit();
    }
    unshare();
    RowId r = static_cast<RowId>(rows_++);
    ValueId* at = cells_.extend(static_cast<size_t>(stride_));
    std::copy(cells, cells + width_, at);
    at[width_] = static_cast<ValueId>(status);
    setNewRow(r, valid, provenance);
    if (!indexes_.empty()) indexRow(r);
}

void TupleTable::setNewRow(RowId r, const IntervalSet& valid, const RowProvenance* provenance) {
    if (valid.parts().size() == 1) {
        setInterval(r, valid.parts()[0]);
    } else {
        overflow_.push_back(valid);
        setInterval(r, {kOverflow, static_cast<DayNumber>(overflow_.size() - 1)});
    }
    if (provenance) {
        // Rows added without provenance before have none (an empty entry).
        if (provenance_.size() < r) provenance_.resize(r, pool_.intern(RowProvenance{}));
        provenance_.push_back(pool_.intern(*provenance));
    }
}

void TupleTable::indexRow(RowId r) const {
    for (auto& [column, index] : indexes_)
        index[row(r)[column]].push_back(r);
}

const TupleTable::ColumnIndex& TupleTable::columnIndex(int column) const {
    // Found without inserting: threads closing parts of a closure share indexes built before.
    auto it = indexes_.find(column);
    if (it == indexes_.end()) {
        it = indexes_.try_emplace(column).first;
        for (RowId r = 0; r < size(); ++r)
            it->second[row(r)[column]].push_back(r);
    }
    return it->second;
}

const std::vector<RowId>& TupleTable::lookup(int column, ValueId value) const {
    static const std::vector<RowId> kNone;
    const ColumnIndex& index = columnIndex(column);
    auto found = index.find(value);
    return found == index.end() ? kNone : found->second;
}

size_t TupleTable::memoryBytes() const {
    size_t bytes = cells_.capacity() * sizeof(ValueId) + slots_.capacity() * sizeof(RowId);
    for (const IntervalSet& s : overflow_)
        bytes += sizeof(s) + (s.parts().size() > 2 ? s.parts().size() * sizeof(Interval) : 0);
    for (const auto& [column, index] : indexes_)
        for (const auto& [value, rows] : index)
            bytes += sizeof(value) + sizeof(rows) + rows.capacity() * sizeof(RowId) + 16;
    return bytes;
}

} // namespace chipgraph::eval
