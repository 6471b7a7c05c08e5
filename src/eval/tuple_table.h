#pragma once
// A relation as rule evaluation sees it: rows of interned values (arguments, then qualifiers,
// then the status), each with its validity as a set of day intervals and, optionally, its
// provenance. Rows are unique: adding a row that exists unites the validity and reports what
// was new (semi-naive evaluation feeds on exactly that).
//
// Memory per row: the cells (4 bytes each, the status included), 8 bytes of validity (a single
// interval inline; a row valid on several, rare, points into a side table instead), 4 bytes
// per hash slot at load <= 0.5 (8-16 per row). `compact()` drops growth headroom when done.
#include "eval/interner.h"
#include "eval/interval_set.h"
#include "eval/pod_buffer.h"
#include "eval/provenance_pool.h"
#include "schema/fact.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace chipgraph::eval {

using RowId = uint32_t;

class TupleTable {
public:
    // `width` = arguments + qualifiers; the status is stored after them.
    explicit TupleTable(int width) : width_(width), key_(width + 1), stride_(width + 3) {}

    int width() const { return width_; }
    size_t size() const { return rows_; }
    const ValueId* row(RowId r) const { return &cells_[static_cast<size_t>(r) * stride_]; }
    schema::FactStatus status(RowId r) const {
        return static_cast<schema::FactStatus>(row(r)[width_]);
    }
    IntervalSet validity(RowId r) const {
        Interval v = interval(r);
        return v.from == kOverflow ? overflow_[static_cast<size_t>(v.to)] : IntervalSet(v);
    }
    // The row's validity when it is a single interval (the common case), without a set.
    bool singleValidity(RowId r, Interval& out) const {
        out = interval(r);
        return out.from != kOverflow;
    }
    // Whether every row holds on the same single interval with the same status (facts of a
    // timeless relation, say), returned in `valid` and `status`; false for an empty table.
    bool uniformRows(Interval& valid, schema::FactStatus& status) const;
    // Stays valid while the table lives (entries are pooled and never change: a row whose
    // provenance grows gets another entry).
    const RowProvenance* provenance(RowId r) const {
        if (r < provenance_.size()) return &pool_.at(provenance_[r]);
        return shared_ != kNoShared && r < rows_ ? &pool_.at(shared_) : nullptr;
    }
    // The provenance every row holds when they all hold the same one (one entry for the whole
    // table), else null (rows differ, or some have none, or the table is empty).
    const RowProvenance* sharedProvenance() const;
    // Gives every row (present now: a finished table) `provenance`, stored once; the rows
    // must have been added without provenance. add(), appendNew() and appendDistinct() keep
    // it (the rows get their own entries again); addBatch() and addOne() must not follow.
    void setSharedProvenance(const RowProvenance& provenance);

    struct Added {
        RowId row;
        IntervalSet added; // the newly valid days (empty: nothing new)
        bool provenanceGrew = false;
    };
    // Adds (cells, status) valid on `valid`; `provenance` is merged when given.
    Added add(const ValueId* cells, schema::FactStatus status, const IntervalSet& valid,
              const RowProvenance* provenance);

    // A row waiting to be added by addBatch: its key (cells, then the status) and days.
    static constexpr int kBatchKey = 8;
    struct PendingRow {
        ValueId key[kBatchKey];
        Interval valid;
    };
    bool batchable() const { return key_ <= kBatchKey; }
    // Adds rows without provenance, reporting each Added to `onAdded` in order. Every row's
    // hash slot, then its first candidate row, is prefetched before any is compared, so the
    // cache misses of a large table overlap instead of queueing: rule evaluation over millions
    // of rows is bound by them.
    template <class OnAdded> void addBatch(const PendingRow* rows, size_t n, OnAdded&& onAdded) {
        makeRoom(n);
        size_t hashes[64];
        size_t mask = slots_.size() - 1;
        for (size_t i = 0; i < n; ++i) {
            hashes[i] = hashRow(rows[i].key);
            __builtin_prefetch(&slots_[hashes[i] & mask]);
        }
        for (size_t i = 0; i < n; ++i)
            if (RowId r = slots_[hashes[i] & mask]; r != kEmptySlot)
                __builtin_prefetch(&cells_[static_cast<size_t>(r) * stride_]);
        for (size_t i = 0; i < n; ++i)
            onAdded(addInterval(rows[i].key, hashes[i], rows[i].valid));
    }
    static constexpr size_t kMaxBatch = 64;
    // One row without provenance from its key (cells, then the status) and one interval: an
    // unbatched addBatch, for a table small enough to stay in cache (a closure's part).
    Added addOne(const ValueId* key, const Interval& valid);

    // Makes room for `rows` rows in all (with their provenance when `provenance`), so a table
    // whose size is known ahead grows without rehashing or moving its rows.
    void reserve(size_t rows, bool provenance);
    // Releases growth headroom (vector capacity) once the table stops growing.
    void compact();
    // Room for the cells of `rows` rows in all (not the hash: see appendDistinct), so that
    // appending them moves nothing.
    void reserveRows(size_t rows);
    // Empties the table, keeping its memory for the next use.
    void clear();
    // Appends every row of `other` (of the same width), which must share no key with this
    // table's rows: the parts of a partitioned closure (eval/partition.h) are disjoint. The
    // hash is dropped until the next add needs it: a finished derived table is only read.
    void appendDistinct(const TupleTable& other);

    // Appends the row (cells, status) valid on `valid` (not empty), which the caller knows no
    // row of the table has: rows of different aggregate groups never meet. Like
    // appendDistinct, it drops the hash until the next add needs it.
    void appendNew(const ValueId* cells, schema::FactStatus status, const IntervalSet& valid,
                   const RowProvenance* provenance);
    // The same for one interval without provenance, into a table that keeps none and has no
    // hash to drop (a closure appended row by row, eval/closure_search.cpp): inline, no copy
    // call for a row of a few cells.
    void appendNew(const ValueId* cells, schema::FactStatus status, const Interval& valid) {
        if (!slots_.empty() || shared_ != kNoShared || !provenance_.empty() || !indexes_.empty())
            return appendNew(cells, status, IntervalSet(valid), nullptr);
        ValueId* at = cells_.extend(static_cast<size_t>(stride_));
        for (int i = 0; i < width_; ++i)
            at[i] = cells[i];
        at[width_] = static_cast<ValueId>(status);
        at[key_] = static_cast<ValueId>(valid.from), at[key_ + 1] = static_cast<ValueId>(valid.to);
        ++rows_;
    }

    // Rows whose column `column` holds `value` (an index built on first use, then maintained).
    const std::vector<RowId>& lookup(int column, ValueId value) const;
    // The whole index of a column (built on first use), for a loop that probes it many times.
    using ColumnIndex = std::unordered_map<ValueId, std::vector<RowId>>;
    const ColumnIndex& columnIndex(int column) const;

    size_t memoryBytes() const;

private:
    size_t hashRow(const ValueId* cells) const;
    // Hash slots for `n` more rows (load at most 1/2): doubles, or builds the hash that
    // appendDistinct dropped.
    void makeRoom(size_t n) {
        if ((rows_ + n) * 2 > slots_.size()) grow(n);
    }
    void grow(size_t n);
    void insertSlots(RowId first, RowId end); // rows known to be absent from the slots
    // The slot of the row whose key is `key`, or the empty slot where it would go.
    size_t probe(const ValueId* key, size_t hash) const;
    // A new row with `key` in `slot` (its validity is the caller's to set).
    RowId appendRow(size_t slot, const ValueId* key);
    // Whether row `r` already holds on every day of `days` (one of its intervals contains it).
    bool holds(RowId r, const Interval& days) const;
    // addKey() for one interval without provenance, the common case of rule evaluation: a
    // known row that already holds it, or a new row, without interval-set algebra.
    Added addInterval(const ValueId* key, size_t hash, const Interval& valid);
    // add() once the key (cells and status) is assembled and hashed; slots have room.
    Added addKey(const ValueId* key, size_t hash, const IntervalSet& valid,
                 const RowProvenance* provenance);
    // The validity and provenance of row r, just appended.
    void setNewRow(RowId r, const IntervalSet& valid, const RowProvenance* provenance);
    // Unites `valid` into row r's validity; returns the new days (provenance not touched).
    Added widen(RowId r, const IntervalSet& valid);
    Added widen(RowId r, const Interval& valid);
    static constexpr RowId kEmptySlot = UINT32_MAX;
    void indexRow(RowId r) const;

    // The validity sits right after the row's key, so a probe that finds the row has its days
    // in the same cache line (rule evaluation is bound by memory latency on large tables).
    Interval interval(RowId r) const {
        const ValueId* c = row(r) + key_;
        return {static_cast<DayNumber>(c[0]), static_cast<DayNumber>(c[1])};
    }
    void setInterval(RowId r, const Interval& v) {
        ValueId* c = &cells_[static_cast<size_t>(r) * stride_ + key_];
        c[0] = static_cast<ValueId>(v.from), c[1] = static_cast<ValueId>(v.to);
    }

    int width_;
    int key_;    // cells that identify a row: the arguments, qualifiers and status
    int stride_; // the key, then the validity's two days
    size_t rows_ = 0;
    PodBuffer<ValueId> cells_;
    // A stored validity is never empty, so `from == kOverflow` is free to mean "several
    // intervals: overflow_[to]".
    static constexpr DayNumber kOverflow = kMaxDay;
    std::vector<IntervalSet> overflow_;          // complete validity of multi-interval rows
    std::vector<ProvenancePool::Id> provenance_; // by row, only when provenance is tracked
    // setSharedProvenance(): every row's entry, instead of provenance_ (which is then empty).
    static constexpr ProvenancePool::Id kNoShared = UINT32_MAX;
    ProvenancePool::Id shared_ = kNoShared;
    // Gives each row its own entry again (the shared one) before rows with other provenance
    // join the table.
    void unshare();
    ProvenancePool pool_;
    RowProvenance merged_;     // scratch for a known row's provenance growing
    std::vector<RowId> slots_; // open addressing; kEmptySlot = free
    mutable std::unordered_map<int, ColumnIndex> indexes_;
};

} // namespace chipgraph::eval
