#include "store/index_entries.h"

#include "store/fact_codec.h"

#include <algorithm>
#include <unordered_set>

namespace chipgraph::store {

namespace {

// Entries per chunk: a lookup reads and scans one or two chunks (a few KiB).
constexpr size_t kChunkEntries = 64;
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

// An entry: an argument's bytes, then the first argument's (both self-delimiting, so entries
// sort as the pairs do). `prefix` holds the entry's first 8 bytes, big-endian: most
// comparisons end there, without a memcmp.
struct Entry {
    uint64_t prefix = 0;
    std::string_view value, first;

    void setPrefix() {
        prefix = 0;
        size_t n = 0;
        for (std::string_view part : {value, first})
            for (size_t i = 0; i < part.size() && n < 8; ++i, ++n)
                prefix |= static_cast<uint64_t>(static_cast<unsigned char>(part[i]))
                          << (56 - 8 * n);
    }
    bool operator<(const Entry& o) const {
        if (prefix != o.prefix) return prefix < o.prefix;
        int c = value.compare(o.value);
        return c != 0 ? c < 0 : first < o.first;
    }
    bool operator==(const Entry& o) const {
        return prefix == o.prefix && value == o.value && first == o.first;
    }
};

void putLength(std::string& out, size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

// The entries, sorted, into `out`'s chunks.
void putChunks(const std::vector<Entry>& entries, SortedIndex& out) {
    for (size_t i = 0; i < entries.size();) {
        out.firsts.append(entries[i].value).append(entries[i].first);
        out.firstEnds.push_back(out.firsts.size());
        for (size_t n = 0; n < kChunkEntries && i < entries.size(); ++n, ++i) {
            putLength(out.chunks, entries[i].value.size() + entries[i].first.size());
            out.chunks.append(entries[i].value).append(entries[i].first);
        }
        out.chunkEnds.push_back(out.chunks.size());
    }
}

} // namespace

const SortedIndex* IndexKeys::sortedAhead(int position) const {
    for (const SortedIndex& index : ahead)
        if (index.position == position) return &index;
    return nullptr;
}

bool sortIndexEntries(const IndexKeys& keys, int position, SortedIndex& out) {
    out = SortedIndex{};
    out.position = position;
    if (fewValues(keys, position)) return true;
    std::vector<Entry> entries(keys.size());
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
    putChunks(entries, out);
    return true;
}

} // namespace chipgraph::store
