#pragma once
// The entries of a relation's on-disk indexes (fact_index.cpp; docs/storage.md, "Indexes"),
// made from its keys alone: by the commit, or by an import's thread that binds a file ahead
// (engine/import_ahead.h), so that the commit only writes them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::store {

// An entry: an argument's bytes, then the first argument's (both self-delimiting, so entries
// sort as the pairs do). `prefix` holds the entry's first 8 bytes, big-endian: most
// comparisons end there, without a memcmp.
struct IndexEntry {
    uint64_t prefix = 0;
    std::string_view value, first;

    void setPrefix();
    bool operator<(const IndexEntry& o) const {
        if (prefix != o.prefix) return prefix < o.prefix;
        int c = value.compare(o.value);
        return c != 0 ? c < 0 : first < o.first;
    }
    bool operator==(const IndexEntry& o) const {
        return prefix == o.prefix && value == o.value && first == o.first;
    }
};

// One argument position's entries, sorted and without repeats; `worthIt` false (and no
// entries) when the position has too few distinct values for an index to pay.
struct SortedIndex {
    int position = 0;
    bool worthIt = false;
    std::vector<IndexEntry> entries;
};

// Keys of one relation's facts, one after the other in `bytes`, each from offsets[i] to
// offsets[i + 1]: what its indexes are built from (fact_index.cpp).
struct IndexKeys {
    std::string bytes;
    std::vector<size_t> offsets{0};
    // Made ahead from these keys (the entries point into `bytes`, at `aheadBytes`).
    std::vector<SortedIndex> ahead;
    const char* aheadBytes = nullptr;

    size_t size() const { return offsets.size() - 1; }
    std::string_view operator[](size_t i) const {
        return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
    }
    // The entries made ahead for `position`, if any and still pointing into `bytes`.
    const SortedIndex* sortedAhead(int position) const;
};

// Makes `out`, the index of `keys` at argument `position`; false when a key is malformed.
bool sortIndexEntries(const IndexKeys& keys, int position, SortedIndex& out);

} // namespace chipgraph::store
