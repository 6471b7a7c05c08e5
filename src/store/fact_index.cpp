// Point lookups on disk (docs/storage.md, "Indexes"): a relation's facts are one stretch of
// `facts` in the order of their first argument, so a lookup by the first argument is a range
// of keys; for the other entity and text arguments, `fact_index` keeps sorted runs of
// (argument, first argument) entries in chunks, built again at the commit of a transaction that
// wrote much of the relation. A question that looks a few facts up then reads those instead of
// the whole relation (engine/paged_lookups.cpp).
#include "store/fact_codec.h"
#include "store/fact_rows.h"
#include "store/row_order.h"
#include "store/store.h"
#include "store/store_macros.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

namespace chipgraph::store {

namespace {

// The next entry of a chunk, or false at its end (or at a malformed length).
bool nextEntry(std::string_view& chunk, std::string_view& entry) {
    size_t n = 0;
    for (int shift = 0; !chunk.empty() && shift < 35; shift += 7) {
        auto byte = static_cast<unsigned char>(chunk.front());
        chunk.remove_prefix(1);
        n |= static_cast<size_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            if (n > chunk.size()) return false;
            entry = chunk.substr(0, n);
            chunk.remove_prefix(n);
            return true;
        }
    }
    return false;
}

} // namespace

Result<bool> Store::atSnapshot() {
    CG_PREPARE(start, "SELECT 1 FROM meta LIMIT 1"); // in a transaction: starts its snapshot
    (void)start.singleInt();
    Result<int64_t> version = dataVersion();
    if (!version) return version.status();
    return snapshot_.version >= 0 && version.value() == snapshot_.version;
}

Result<Store::IndexedRelation> Store::indexedRelation(RelationId relation) {
    IndexedRelation out;
    CG_PREPARE(state, "SELECT position, facts FROM fact_index_state WHERE relation_id = ? "
                      "ORDER BY position");
    state.bind(1, static_cast<int64_t>(relation));
    for (;;) {
        Result<bool> row = state.step();
        if (!row) return row.status();
        if (!row.value()) break;
        if (state.columnInt(0) == 0) out.facts = state.columnInt(1);
        out.positions.push_back(static_cast<int>(state.columnInt(0)));
    }
    state.reset();
    if (out.positions.empty() || out.positions.front() != 0) out.positions.clear();
    return out;
}

Status Store::readByFirstArgument(const schema::Catalog& catalog, RelationId relation,
                                  std::string_view firstArgument, std::vector<schema::Fact>& facts,
                                  std::vector<int64_t>& ids) {
    std::string from = relationKeyPrefix(relation);
    from += firstArgument;
    std::string to = prefixEnd(from);
    CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key "
                     "FROM facts WHERE fact_key >= ?1 AND fact_key < ?2");
    rows.bindTextStatic(1, from);
    rows.bindTextStatic(2, to);
    return readFacts(catalog, rows, facts, ids);
}

Status Store::lookupFacts(const schema::Catalog& catalog, RelationId relation, int position,
                          const Value& value, std::vector<schema::Fact>& out) {
    std::string wanted = encodeValue(value);
    std::vector<schema::Fact> facts;
    std::vector<int64_t> ids;
    if (position == 0) {
        CG_TRY(readByFirstArgument(catalog, relation, wanted, facts, ids));
    } else {
        // The chunks that may hold entries starting with `wanted`: the last one starting
        // before it, and those starting with it.
        CG_PREPARE(chunks,
                   "SELECT entries FROM fact_index WHERE relation_id = ?1 AND position = ?2 AND "
                   "first_entry < ?4 AND first_entry >= coalesce((SELECT max(first_entry) FROM "
                   "fact_index WHERE relation_id = ?1 AND position = ?2 AND first_entry <= ?3), "
                   "'') ORDER BY first_entry");
        std::string end = prefixEnd(wanted); // never "": a value's bytes end below 0xFF or in text
        chunks.bind(1, static_cast<int64_t>(relation));
        chunks.bind(2, static_cast<int64_t>(position));
        chunks.bindTextStatic(3, wanted);
        chunks.bindTextStatic(4, end);
        std::vector<std::string> firsts;
        for (;;) {
            Result<bool> row = chunks.step();
            if (!row) return row.status();
            if (!row.value()) break;
            std::string_view chunk = chunks.columnBlob(0), entry;
            while (nextEntry(chunk, entry))
                if (entry.substr(0, wanted.size()) == wanted)
                    firsts.emplace_back(entry.substr(wanted.size()));
        }
        chunks.reset();
        for (const std::string& first : firsts)
            CG_TRY(readByFirstArgument(catalog, relation, first, facts, ids));
    }
    // Facts read by the first argument may differ at `position`: keep the matches, in the
    // order they were stored (as a relation read whole lists them).
    std::vector<uint32_t> order = idOrder(ids);
    for (uint32_t index : order)
        if (facts[index].args[static_cast<size_t>(position)] == value)
            out.push_back(std::move(facts[index]));
    return Status::ok();
}

Result<bool> Store::untouchedAndEmpty(RelationId relation) {
    if (writtenFacts_.count(relation)) return false;
    std::string from = relationKeyPrefix(relation), to = prefixEnd(from);
    CG_PREPARE(any, "SELECT 1 FROM facts WHERE fact_key >= ?1 AND fact_key < ?2 LIMIT 1");
    any.bindTextStatic(1, from);
    any.bindTextStatic(2, to);
    Result<bool> row = any.step();
    any.reset();
    if (!row) return row.status();
    return !row.value();
}

void Store::keepFreshKeys(RelationId relation, PreparedRows& rows) {
    freshKeys_[relation] =
        rows.indexKeys ? std::move(*rows.indexKeys) : keysInOrder(rows.rows, rows.keys);
}

// Before the commit: each relation written gets its indexes built again when the
// transaction wrote at least an eighth of what they last covered, else loses them.
Status Store::refreshIndexes() {
    std::map<RelationId, int64_t> written;
    written.swap(writtenFacts_);
    struct ClearFresh {
        std::map<RelationId, IndexKeys>& keys;
        ~ClearFresh() { keys.clear(); }
    } clearFresh{freshKeys_};
    for (const auto& [relation, count] : written) {
        Result<IndexedRelation> before = indexedRelation(relation);
        if (!before) return before.status();
        CG_PREPARE(dropChunks, "DELETE FROM fact_index WHERE relation_id = ?");
        dropChunks.bind(1, static_cast<int64_t>(relation));
        CG_TRY(dropChunks.run());
        CG_PREPARE(dropState, "DELETE FROM fact_index_state WHERE relation_id = ?");
        dropState.bind(1, static_cast<int64_t>(relation));
        CG_TRY(dropState.run());
        if (count * 8 >= before.value().facts) CG_TRY(buildIndexes(relation));
    }
    return Status::ok();
}

// The argument positions after the first that an index may serve: entity and text columns
// (a number's bytes are not its identity: 0 and -0 are equal numbers).
static Result<std::vector<int>> indexablePositions(Connection& db, RelationId relation) {
    Result<Statement*> prepared =
        db.prepare("SELECT position FROM relation_columns WHERE relation_id = ? AND "
                   "is_qualifier = 0 AND position > 0 AND kind IN ('entity', 'text') "
                   "ORDER BY position");
    if (!prepared) return prepared.status();
    Statement& columns = *prepared.value();
    columns.bind(1, static_cast<int64_t>(relation));
    std::vector<int> positions;
    for (;;) {
        Result<bool> row = columns.step();
        if (!row) return row.status();
        if (!row.value()) break;
        positions.push_back(static_cast<int>(columns.columnInt(0)));
    }
    columns.reset();
    return positions;
}

// Writes the relation's facts count (position 0), then per indexable position with enough
// distinct values its entries, sorted, in chunks.
Status Store::buildIndexes(RelationId relation) {
    Result<std::vector<int>> positions = indexablePositions(*db_, relation);
    if (!positions) return positions.status();
    std::string from = relationKeyPrefix(relation), to = prefixEnd(from);
    IndexKeys keys;
    int64_t facts = 0;
    if (auto fresh = freshKeys_.find(relation); fresh != freshKeys_.end()) {
        keys = std::move(fresh->second); // what one import wrote into an empty relation
        facts = static_cast<int64_t>(keys.size());
    } else if (positions.value().empty()) { // nothing but the count to write
        CG_PREPARE(count, "SELECT count(*) FROM facts WHERE fact_key >= ?1 AND fact_key < ?2");
        count.bindTextStatic(1, from);
        count.bindTextStatic(2, to);
        facts = count.singleInt();
    } else {
        CG_PREPARE(read, "SELECT fact_key FROM facts WHERE fact_key >= ?1 AND fact_key < ?2");
        read.bindTextStatic(1, from);
        read.bindTextStatic(2, to);
        for (;;) {
            Result<bool> row = read.step();
            if (!row) return row.status();
            if (!row.value()) break;
            keys.bytes += read.columnBlob(0);
            keys.offsets.push_back(keys.bytes.size());
        }
        read.reset();
        facts = static_cast<int64_t>(keys.size());
    }
    if (facts < kMinIndexedFacts) return Status::ok();
    CG_TRY(saveIndexState(relation, 0, facts));
    for (int position : positions.value()) {
        Result<bool> written = writeIndex(relation, position, keys);
        if (!written) return written.status();
        if (written.value()) CG_TRY(saveIndexState(relation, position, facts));
    }
    return Status::ok();
}

Status Store::saveIndexState(RelationId relation, int position, int64_t facts) {
    CG_PREPARE(state,
               "INSERT INTO fact_index_state(relation_id, position, facts) VALUES (?, ?, ?)");
    state.bind(1, static_cast<int64_t>(relation));
    state.bind(2, static_cast<int64_t>(position));
    state.bind(3, facts);
    Status ran = state.run();
    state.reset();
    return ran;
}

// False when the position has too few distinct values to be worth an index.
Result<bool> Store::writeIndex(RelationId relation, int position, const IndexKeys& keys) {
    SortedIndex made;
    const SortedIndex* sorted = keys.sortedAhead(position);
    if (!sorted) {
        if (!sortIndexEntries(keys, position, made))
            return Status::error("the database is corrupt: a fact of relation " +
                                 std::to_string(relation) + " has a malformed fact_key");
        sorted = &made;
    }
    if (!sorted->worthIt) return false;
    CG_PREPARE(insert, "INSERT INTO fact_index(relation_id, position, first_entry, entries) "
                       "VALUES (?, ?, ?, ?)");
    for (size_t i = 0; i < sorted->size(); ++i) {
        insert.bind(1, static_cast<int64_t>(relation));
        insert.bind(2, static_cast<int64_t>(position));
        insert.bindTextStatic(3, sorted->first(i));
        insert.bindBlobStatic(4, sorted->chunk(i));
        Status ran = insert.run();
        insert.reset(); // ready for the next chunk's values
        CG_TRY(ran);
    }
    return true;
}

} // namespace chipgraph::store
