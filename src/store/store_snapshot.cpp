// Loading one relation's facts on its first use, from the state of the database that the
// loaded catalog describes (docs/storage.md, "Opening").
#include "store/fact_codec.h"
#include "store/fact_rows.h"
#include "store/row_order.h"
#include "store/store.h"
#include "store/store_macros.h"

#include <cstdint>

namespace chipgraph::store {

namespace {

// The keys of a relation's facts all start with these bytes (fact_codec.h), and only they:
// they are the keys from `first` up to, not including, `end`.
struct KeyRange {
    std::string first, end;
};

KeyRange keyRange(RelationId relation) {
    KeyRange range;
    range.first = relationKeyPrefix(relation);
    range.end = range.first;
    ++range.end.back(); // the prefix's last byte is below 0x80 (a varint's last group)
    return range;
}

} // namespace

Status Store::markSnapshot() {
    Result<int64_t> version = dataVersion();
    if (!version) return version.status();
    CG_PREPARE(last, "SELECT coalesce(max(id), 0) FROM log");
    snapshot_ = {version.value(), last.singleInt()};
    return Status::ok();
}

// Called inside the transaction, before COMMIT: if nothing but this store changed the
// database since the snapshot, the snapshot moves on to include this store's writes (which
// the caller keeps in memory).
Status Store::advanceSnapshot() {
    if (snapshot_.version != knownVersion_) return Status::ok();
    CG_PREPARE(last, "SELECT coalesce(max(id), 0) FROM log");
    snapshot_.lastEntry = last.singleInt();
    return Status::ok();
}

Result<Store::LogLimit> Store::logLimit() {
    LogLimit limit;
    Result<int64_t> version = dataVersion();
    if (!version) return version.status();
    if (snapshot_.version < 0 || version.value() == snapshot_.version) return limit;
    limit.lastEntry = snapshot_.lastEntry;
    CG_PREPARE(next, "SELECT coalesce(min(first_fact), 9223372036854775807) FROM log "
                     "WHERE id > ?");
    next.bind(1, snapshot_.lastEntry);
    limit.factEnd = next.singleInt();
    return limit;
}

Status Store::loadRelationFacts(const schema::Catalog& catalog, RelationId relation,
                                std::vector<schema::Fact>& out) {
    bool ownRead = !db_->inTransaction();
    if (ownRead) CG_TRY(beginRead());
    Status status = readRelationFacts(catalog, relation, out);
    if (ownRead) endRead();
    return status;
}

Status Store::readRelationFacts(const schema::Catalog& catalog, RelationId relation,
                                std::vector<schema::Fact>& out) {
    // The read starts the transaction's snapshot; data_version then tells whether another
    // process committed since the catalog was loaded.
    CG_PREPARE(start, "SELECT 1 FROM meta LIMIT 1");
    (void)start.singleInt();
    Result<int64_t> version = dataVersion();
    if (!version) return version.status();
    KeyRange range = keyRange(relation);
    std::vector<schema::Fact> facts;
    std::vector<int64_t> ids;
    if (version.value() == snapshot_.version) {
        CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, "
                         "fact_key FROM facts WHERE fact_key >= ?1 AND fact_key < ?2");
        rows.bindTextStatic(1, range.first);
        rows.bindTextStatic(2, range.end);
        CG_TRY(readFacts(catalog, rows, facts, ids));
    } else {
        // Another process wrote since: the relation as the log says it stood at the snapshot
        // (facts added by later entries left out, facts they retracted put back).
        CG_PREPARE(next, "SELECT coalesce(min(first_fact), 9223372036854775807) FROM log "
                         "WHERE id > ?");
        next.bind(1, snapshot_.lastEntry);
        int64_t factEnd = next.singleInt();
        CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, "
                         "fact_key FROM facts WHERE fact_key >= ?1 AND fact_key < ?2 AND "
                         "id < ?3 UNION ALL "
                         "SELECT id, relation_id, valid_from, valid_to, source_id, status, "
                         "fact_key FROM retracted WHERE relation_id = ?4 AND id < ?3 AND "
                         "retracted_by > ?5");
        rows.bindTextStatic(1, range.first);
        rows.bindTextStatic(2, range.end);
        rows.bind(3, factEnd);
        rows.bind(4, static_cast<int64_t>(relation));
        rows.bind(5, snapshot_.lastEntry);
        CG_TRY(readFacts(catalog, rows, facts, ids));
    }
    out.clear();
    out.reserve(facts.size());
    for (uint32_t index : idOrder(ids))
        out.push_back(std::move(facts[index]));
    return Status::ok();
}

} // namespace chipgraph::store
