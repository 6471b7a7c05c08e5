#pragma once
// A relation as rule evaluation sees it: rows of interned values (arguments, then qualifiers,
// then the status), each with its validity as a set of day intervals and, optionally, its
// provenance. Rows are unique: adding a row that exists unites the validity and reports what
// was new (semi-naive evaluation feeds on exactly that).
//
// Memory per row: the cells, 8 bytes for the first validity interval (further ones, rare,
// live in a side table), 4 for the hash slot at load <= 0.5 (8 with growth headroom).
#include "eval/interner.h"
#include "eval/interval_set.h"
#include "schema/fact.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace chipgraph::eval {

using RowId = uint32_t;

struct RowProvenance {
    std::vector<SourceId> sources; // sorted, unique
    std::optional<PartialDate> reported;
};

class TupleTable {
public:
    // `width` = arguments + qualifiers; the status is stored after them.
    explicit TupleTable(int width) : width_(width), stride_(width + 1) {}

    int width() const { return width_; }
    size_t size() const { return validFirst_.size(); }
    const ValueId* row(RowId r) const { return &cells_[static_cast<size_t>(r) * stride_]; }
    schema::FactStatus status(RowId r) const {
        return static_cast<schema::FactStatus>(row(r)[width_]);
    }
    IntervalSet validity(RowId r) const;
    const RowProvenance* provenance(RowId r) const {
        return r < provenance_.size() ? &provenance_[r] : nullptr;
    }

    struct Added {
        RowId row;
        IntervalSet added; // the newly valid days (empty: nothing new)
        bool provenanceGrew = false;
    };
    // Adds (cells, status) valid on `valid`; `provenance` is merged when given.
    Added add(const ValueId* cells, schema::FactStatus status, const IntervalSet& valid,
              const RowProvenance* provenance);

    // Rows whose column `column` holds `value` (an index built on first use, then maintained).
    const std::vector<RowId>& lookup(int column, ValueId value) const;
    // The row with exactly these cells and status, or -1.
    int64_t find(const ValueId* cells, schema::FactStatus status) const;

    size_t memoryBytes() const;

private:
    size_t hashRow(const ValueId* cells) const;
    void growHash();
    void indexRow(RowId r) const;

    int width_, stride_;
    std::vector<ValueId> cells_;
    std::vector<Interval> validFirst_;      // the first interval of each row
    std::vector<uint32_t> validMore_;       // 0: none; else 1 + index into overflow_
    std::vector<IntervalSet> overflow_;     // complete validity of multi-interval rows
    std::vector<RowProvenance> provenance_; // only when provenance is tracked
    std::vector<RowId> slots_;              // open addressing; kEmptySlot = free
    mutable std::unordered_map<int, std::unordered_map<ValueId, std::vector<RowId>>> indexes_;
};

} // namespace chipgraph::eval
