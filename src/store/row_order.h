#pragma once
// The orders rows are written and read in: an import's facts go into the facts b-tree sorted
// by key (appending in order touches each page once; in random order the same rows cost
// several times as much), and the loader gives them back sorted by id (the order they were
// stored in), which the table, keyed by fact_key, does not keep.
#include "common/partial_date.h"
#include "schema/fact.h"
#include "store/index_entries.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::store {

// A fact as the bulk writer inserts it: where its key is in the batch's key buffer, the key's
// first 16 bytes as two numbers (what sorting compares first), and its plain columns, copied so
// that writing the rows in key order reads them in sequence, not the facts at random.
struct FactRow {
    uint64_t keyPrefix = 0, keyPrefix2 = 0; // bytes 0-7 and 8-15
    size_t keyStart = 0;
    uint32_t keyLength = 0;
    int64_t id = 0;
    RelationId relation = kNoId;
    SourceId source = kNoId;
    DayNumber from = kMinDay, to = kMaxDay;
    schema::FactStatus status = schema::FactStatus::Actual;
};

// The row of `fact`, whose key is keys[start, keys.size()) (it was just appended), as `id`.
FactRow factRow(const schema::Fact& fact, int64_t id, std::string_view keys, size_t start);

// Sorts rows by their keys' bytes (memcmp order, a shorter key first on a tie). Keys must
// contain no zero byte.
void sortByKey(std::vector<FactRow>& rows, std::string_view keys);

// For rows sorted by key whose ids are firstId, firstId + 1, ...: by id - firstId, whether the
// row's key is also an earlier row's (a smaller id).
std::vector<bool> markRepeats(const std::vector<FactRow>& rows, std::string_view keys,
                              int64_t firstId);

// The rows of facts[first..] ready to write: their keys encoded into one buffer, sorted by
// key, a repeated key's later occurrences left out. Ids are relative (the fact's index minus
// `first`): the writer adds the first id it takes. Made from the facts alone, so an import
// bound ahead prepares them on its thread (engine/import_ahead.h).
struct PreparedRows {
    std::string keys;           // every fact's key, in the facts' order
    std::vector<FactRow> rows;  // sorted by key, without repeats
    std::vector<bool> repeated; // by relative id: a later occurrence of an earlier fact's key
    // With prepareIndexes: the rows' keys in their (sorted) order, what the relation's indexes
    // are built from if it had no facts (Store copies them from `keys` otherwise), with the
    // chunks of those indexes made ahead.
    std::optional<IndexKeys> indexKeys;
};
PreparedRows prepareRows(const std::vector<schema::Fact>& facts, size_t first);
// Makes `rows.indexKeys`, with the indexes of argument `positions`.
void prepareIndexes(PreparedRows& rows, const std::vector<int>& positions);
// The keys of `rows` in their order.
IndexKeys keysInOrder(const std::vector<FactRow>& rows, std::string_view keys);

// Indices of `ids` sorted by id (equal ids in their order in `ids`).
std::vector<uint32_t> idOrder(const std::vector<int64_t>& ids);

} // namespace chipgraph::store
