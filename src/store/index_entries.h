#pragma once
// The entries of a relation's on-disk indexes (fact_index.cpp; docs/storage.md, "Indexes"),
// made from its keys alone: by the commit, or by an import's thread that binds a file ahead
// (engine/import_ahead.h), so that the commit only writes them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::store {

// One argument position's index as `fact_index` stores it: chunks of sorted entries (each an
// argument's bytes, then the first argument's), each chunk keyed by its first entry; none, and
// `worthIt` false, when the position has too few distinct values for an index to pay.
struct SortedIndex {
    int position = 0;
    bool worthIt = false;
    std::string firsts, chunks;                     // every chunk's first entry, and its bytes,
    std::vector<size_t> firstEnds{0}, chunkEnds{0}; // one after the other (ends, from 0)

    size_t size() const { return chunkEnds.size() - 1; }
    std::string_view first(size_t i) const {
        return std::string_view(firsts).substr(firstEnds[i], firstEnds[i + 1] - firstEnds[i]);
    }
    std::string_view chunk(size_t i) const {
        return std::string_view(chunks).substr(chunkEnds[i], chunkEnds[i + 1] - chunkEnds[i]);
    }
};

// Keys of one relation's facts, one after the other in `bytes`, each from offsets[i] to
// offsets[i + 1]: what its indexes are built from (fact_index.cpp).
struct IndexKeys {
    std::string bytes;
    std::vector<size_t> offsets{0};
    std::vector<SortedIndex> ahead; // made from these keys ahead of the commit

    size_t size() const { return offsets.size() - 1; }
    std::string_view operator[](size_t i) const {
        return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
    }
    // The index made ahead for `position`, if any.
    const SortedIndex* sortedAhead(int position) const;
};

// Makes `out`, the index of `keys` at argument `position`; false when a key is malformed.
bool sortIndexEntries(const IndexKeys& keys, int position, SortedIndex& out);

} // namespace chipgraph::store
