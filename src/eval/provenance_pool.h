#pragma once
// The provenance of a table's rows, each distinct one stored once; a row holds its entry's id.
// Rows share a handful of entries (every fact of an import has the same source, an aggregate's
// rows their premises' sources), so a table of a million rows keeps a few entries instead of a
// vector per row: adding a row allocates nothing, dropping the table frees nothing per row,
// and a join reading its premises' provenance touches a few cache lines.
#include "common/partial_date.h"
#include "common/value.h"

#include <memory>
#include <optional>
#include <vector>

namespace chipgraph::eval {

struct RowProvenance {
    std::vector<SourceId> sources; // sorted, unique
    std::optional<PartialDate> reported;
    bool operator==(const RowProvenance&) const = default;
};

class ProvenancePool {
public:
    using Id = uint32_t;
    // The id of an entry equal to `p`, added if new. Entries never change or move: a reference
    // from at() stays valid as long as the pool (until clear()).
    Id intern(const RowProvenance& p);
    const RowProvenance& at(Id id) const { return *entries_[id]; }
    size_t size() const { return entries_.size(); }
    void clear();

private:
    static constexpr Id kNone = UINT32_MAX;
    static size_t hashOf(const RowProvenance& p);
    void grow();
    std::vector<std::unique_ptr<const RowProvenance>> entries_; // each in place for good
    std::vector<Id> slots_; // open addressing over entries_, load at most 1/2
    Id last_ = kNone;       // rows added one after another mostly repeat the last entry
};

} // namespace chipgraph::eval
