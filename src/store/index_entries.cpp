#include "store/index_entries.h"

#include "store/fact_codec.h"

#include <algorithm>
#include <unordered_set>

namespace chipgraph::store {

namespace {

// A position whose distinct values are fewer than facts / kFewValues is not indexed: a lookup
// there would read a large part of the relation anyway.
constexpr size_t kFewValues = 64;

// True when the first facts (a sample) already show few distinct values at `position`: the
// position is not worth sorting (the count after the sort decides for the others).
bool fewValues(const IndexKeys& keys, int position) {
    constexpr size_t kSample = 64 * kFewValues;
    if (keys.size() < 2 * kSample) return false;
    std::unordered_set<std::string_view> values;
    std::string_view value;
    for (size_t i = 0; i < kSample; ++i)
        if (argumentBytes(keys[i], static_cast<size_t>(position), value)) values.insert(value);
    return values.size() * kFewValues < kSample;
}

// A byte loop: values are a few bytes, shorter than the call memcmp would cost.
bool sameBytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

} // namespace

void IndexEntry::setPrefix() {
    prefix = 0;
    size_t n = 0;
    for (std::string_view part : {value, first})
        for (size_t i = 0; i < part.size() && n < 8; ++i, ++n)
            prefix |= static_cast<uint64_t>(static_cast<unsigned char>(part[i])) << (56 - 8 * n);
}

const SortedIndex* IndexKeys::sortedAhead(int position) const {
    if (aheadBytes != bytes.data()) return nullptr; // the bytes moved (a short string does)
    for (const SortedIndex& index : ahead)
        if (index.position == position) return &index;
    return nullptr;
}

bool sortIndexEntries(const IndexKeys& keys, int position, SortedIndex& out) {
    out.position = position;
    out.worthIt = false;
    out.entries.clear();
    if (fewValues(keys, position)) return true;
    std::vector<IndexEntry> entries(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        if (!argumentBytes(keys[i], static_cast<size_t>(position), entries[i].value) ||
            !argumentBytes(keys[i], 0, entries[i].first))
            return false;
        entries[i].setPrefix();
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    size_t distinct = entries.empty() ? 0 : 1;
    for (size_t i = 1; i < entries.size(); ++i)
        distinct += !sameBytes(entries[i].value, entries[i - 1].value);
    if (distinct * kFewValues < keys.size()) return true;
    out.worthIt = true;
    out.entries = std::move(entries);
    return true;
}

} // namespace chipgraph::store
