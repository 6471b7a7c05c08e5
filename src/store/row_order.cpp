#include "store/row_order.h"

#include "store/fact_codec.h"

#include <algorithm>
#include <cstring>

namespace chipgraph::store {

namespace {

// Eight bytes of a key from `from` on as a big-endian number, zero-padded: comparing two
// prefixes is comparing those bytes (a key has no zero byte, so padding sorts a shorter key
// first), and most keys differ within their first 16 bytes, so the sort rarely reads the keys
// themselves.
uint64_t prefixOf(std::string_view key, size_t from) {
    unsigned char bytes[8] = {};
    if (from < key.size())
        std::memcpy(bytes, key.data() + from, std::min<size_t>(key.size() - from, 8));
    uint64_t prefix = 0;
    for (unsigned char b : bytes)
        prefix = prefix << 8 | b;
    return prefix;
}

} // namespace

FactRow factRow(const schema::Fact& fact, int64_t id, std::string_view keys, size_t start) {
    FactRow row;
    std::string_view key = keys.substr(start);
    row.keyPrefix = prefixOf(key, 0);
    row.keyPrefix2 = prefixOf(key, 8);
    row.keyStart = start;
    row.keyLength = static_cast<uint32_t>(key.size());
    row.id = id;
    row.relation = fact.relation;
    row.source = fact.source;
    row.from = fact.valid.from;
    row.to = fact.valid.to;
    row.status = fact.status;
    return row;
}

void sortByKey(std::vector<FactRow>& rows, std::string_view keys) {
    std::sort(rows.begin(), rows.end(), [&](const FactRow& a, const FactRow& b) {
        if (a.keyPrefix != b.keyPrefix) return a.keyPrefix < b.keyPrefix;
        if (a.keyPrefix2 != b.keyPrefix2) return a.keyPrefix2 < b.keyPrefix2;
        if (a.keyLength <= 16 || b.keyLength <= 16) return a.keyLength < b.keyLength;
        return keys.substr(a.keyStart + 16, a.keyLength - 16) <
               keys.substr(b.keyStart + 16, b.keyLength - 16);
    });
}

std::vector<bool> markRepeats(const std::vector<FactRow>& rows, std::string_view keys,
                              int64_t firstId) {
    std::vector<bool> repeat(rows.size(), false);
    auto keyOf = [&](const FactRow& row) { return keys.substr(row.keyStart, row.keyLength); };
    auto mark = [&](const FactRow& row) { repeat[static_cast<size_t>(row.id - firstId)] = true; };
    auto sameKey = [&](const FactRow& a, const FactRow& b) { // most differ in the prefixes
        return a.keyPrefix == b.keyPrefix && a.keyPrefix2 == b.keyPrefix2 && keyOf(a) == keyOf(b);
    };
    // Within a run of equal keys (adjacent, in no particular order of ids) all but the
    // smallest id are repeats.
    for (size_t i = 1, kept = 0; i < rows.size(); ++i) {
        if (!sameKey(rows[i], rows[kept])) {
            kept = i;
        } else if (rows[i].id < rows[kept].id) {
            mark(rows[kept]);
            kept = i;
        } else {
            mark(rows[i]);
        }
    }
    return repeat;
}

PreparedRows prepareRows(const std::vector<schema::Fact>& facts, size_t first) {
    PreparedRows prepared;
    prepared.rows.reserve(facts.size() - first);
    for (size_t i = first; i < facts.size(); ++i) {
        size_t start = prepared.keys.size();
        appendFactKey(prepared.keys, facts[i]);
        prepared.rows.push_back(
            factRow(facts[i], static_cast<int64_t>(i - first), prepared.keys, start));
    }
    sortByKey(prepared.rows, prepared.keys);
    prepared.repeated = markRepeats(prepared.rows, prepared.keys, 0);
    std::erase_if(prepared.rows, [&](const FactRow& row) {
        return prepared.repeated[static_cast<size_t>(row.id)];
    });
    return prepared;
}

void prepareIndexes(PreparedRows& rows, const std::vector<int>& positions) {
    IndexKeys& indexKeys = rows.indexKeys.emplace(keysInOrder(rows.rows, rows.keys));
    for (int position : positions)
        if (SortedIndex sorted; sortIndexEntries(indexKeys, position, sorted))
            indexKeys.ahead.push_back(std::move(sorted));
}

IndexKeys keysInOrder(const std::vector<FactRow>& rows, std::string_view keys) {
    IndexKeys out;
    out.offsets.reserve(rows.size() + 1);
    for (const FactRow& row : rows) {
        out.bytes += keys.substr(row.keyStart, row.keyLength);
        out.offsets.push_back(out.bytes.size());
    }
    return out;
}

// By comparison: for ids far apart (many facts deleted) or repeated (a database written by
// hand), where placing each at its id's slot would take too much room or lose a row.
static std::vector<uint32_t> sortedById(const std::vector<int64_t>& ids) {
    std::vector<uint32_t> order(ids.size());
    for (uint32_t i = 0; i < ids.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
    return order;
}

std::vector<uint32_t> idOrder(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    auto [low, high] = std::minmax_element(ids.begin(), ids.end());
    uint64_t span = static_cast<uint64_t>(*high) - static_cast<uint64_t>(*low) + 1;
    if (span == 0 || span > 2 * ids.size() + 64) return sortedById(ids); // 0: wrapped
    // Dense ids (the usual case): each index placed at its id's slot, then read in order.
    constexpr uint32_t kNone = UINT32_MAX;
    std::vector<uint32_t> slots(span, kNone);
    for (uint32_t i = 0; i < ids.size(); ++i) {
        uint32_t& slot = slots[static_cast<size_t>(ids[i] - *low)];
        if (slot != kNone) return sortedById(ids);
        slot = i;
    }
    std::vector<uint32_t> order;
    order.reserve(ids.size());
    for (uint32_t index : slots)
        if (index != kNone) order.push_back(index);
    return order;
}

} // namespace chipgraph::store
