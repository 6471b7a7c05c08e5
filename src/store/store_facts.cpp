// Saving, deleting and loading facts (the rest of the catalog is in store.cpp / store_load.cpp).
#include "store/fact_codec.h"
#include "store/schema_sql.h"
#include "store/sqlite_handle.h"
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

// Binds the six columns of an INSERT INTO facts row, from parameter `first` on; `key` (the
// fact's encoded key) is not copied: it must stay valid until the statement has run.
void Store::bindFact(Statement& insert, int first, const schema::Fact& fact, std::string_view key) {
    insert.bind(first, fact.relation);
    insert.bindOptional(first + 1, fact.valid.from == kMinDay
                                       ? std::nullopt
                                       : std::optional<int64_t>(fact.valid.from));
    insert.bindOptional(
        first + 2, fact.valid.to == kMaxDay ? std::nullopt : std::optional<int64_t>(fact.valid.to));
    insert.bindOptional(first + 3,
                        fact.source == kNoId ? std::nullopt : std::optional(fact.source));
    insert.bindStatic(first + 4, schema::statusName(fact.status));
    insert.bindTextStatic(first + 5, key);
}

Result<bool> Store::saveFact(const schema::Fact& fact) {
    CG_TRY(checkReferences(fact));
    CG_PREPARE(insert, "INSERT OR IGNORE INTO facts(relation_id, valid_from, valid_to, source_id, "
                       "status, fact_key) VALUES (?, ?, ?, ?, ?, ?)");
    keyBuffer_.clear();
    appendFactKey(keyBuffer_, fact);
    bindFact(insert, 1, fact, keyBuffer_);
    Status status = insert.run();
    if (!status) return status;
    return db_->changes() != 0;
}

// Rows per INSERT of appendFacts: 64 x 6 parameters, well under SQLite's limit of 999.
constexpr size_t kBatchRows = 64;

static std::string batchInsertSql(size_t rows) {
    std::string sql = "INSERT OR IGNORE INTO facts(relation_id, valid_from, valid_to, source_id, "
                      "status, fact_key) VALUES ";
    for (size_t i = 0; i < rows; ++i)
        sql += i ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)";
    return sql;
}

// A batch's keys are encoded into one buffer and bound in place: SQLite copying each key (a
// malloc and a free per fact) cost more than encoding it.
Status Store::appendFacts(const std::vector<schema::Fact>& facts, size_t first) {
    static const std::string kBatchSql = batchInsertSql(kBatchRows);
    static const std::string kOneSql = batchInsertSql(1);
    size_t ends[kBatchRows];
    for (size_t i = first; i < facts.size();) {
        size_t rows = facts.size() - i >= kBatchRows ? kBatchRows : 1;
        keyBuffer_.clear();
        for (size_t row = 0; row < rows; ++row) {
            CG_TRY(checkReferences(facts[i + row]));
            appendFactKey(keyBuffer_, facts[i + row]);
            ends[row] = keyBuffer_.size();
        }
        // By address: the statement cache need not hash the long SQL text per batch.
        CG_PREPARE(insert, rows == kBatchRows ? kBatchSql.c_str() : kOneSql.c_str());
        std::string_view keys = keyBuffer_;
        for (size_t row = 0, start = 0; row < rows; start = ends[row++], ++i)
            bindFact(insert, static_cast<int>(6 * row + 1), facts[i],
                     keys.substr(start, ends[row] - start));
        CG_TRY(insert.run());
    }
    return Status::ok();
}

Status Store::deleteFact(const schema::Fact& fact) {
    CG_PREPARE(remove, "DELETE FROM facts WHERE fact_key = ?");
    std::string key = encodeFactKey(fact);
    remove.bindTextStatic(1, key);
    return remove.run();
}

// Below kMinBulkRows the saving is small, and counting the stored facts (SQLite reads every
// page of the table for count(*)) would cost a small import into a large database more.
constexpr size_t kMinBulkRows = 1024;

Result<bool> Store::suspendKeyIndex(size_t incoming) {
    if (incoming < kMinBulkRows || static_cast<int64_t>(incoming) < factCount()) return false;
    CG_TRY(db_->exec(kDropKeyIndexSql));
    return true;
}

// A failed CREATE undoes only itself, not the transaction: the slow cleanup runs only when
// the caller did let a duplicate through.
Status Store::restoreKeyIndex() {
    if (db_->exec(kCreateKeyIndexSql)) return Status::ok();
    CG_TRY(db_->exec(kDropDuplicateFactsSql));
    return db_->exec(kCreateKeyIndexSql);
}

Status Store::backupTo(const std::string& path) {
    return db_->backupTo(path);
}

int64_t Store::factCount() {
    Result<Statement*> count = db_->prepare("SELECT count(*) FROM facts");
    if (!count || !count.value()->step()) return 0;
    int64_t n = count.value()->columnInt(0);
    count.value()->reset();
    return n;
}

Status Store::loadFacts(const schema::Catalog& catalog,
                        const std::function<void(schema::Fact)>& sink) {
    CG_PREPARE(facts, "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key "
                      "FROM facts ORDER BY id");
    for (;;) {
        Result<bool> row = facts.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::Fact fact;
        fact.relation = facts.columnInt(1);
        const schema::RelationInfo& relation = catalog.relation(fact.relation);
        fact.args.resize(relation.columns.size());
        fact.qualifiers.resize(relation.qualifiers.size());
        if (!facts.columnIsNull(2)) fact.valid.from = static_cast<DayNumber>(facts.columnInt(2));
        if (!facts.columnIsNull(3)) fact.valid.to = static_cast<DayNumber>(facts.columnInt(3));
        if (!facts.columnIsNull(4)) fact.source = facts.columnInt(4);
        fact.status = schema::parseStatus(facts.columnText(5)).value_or(schema::FactStatus::Actual);
        if (!decodeFactValues(facts.columnBlob(6), fact)) { // a text's bytes, unconverted
            facts.reset();
            return Status::error("fact " + std::to_string(facts.columnInt(0)) +
                                 " has a corrupt fact_key");
        }
        sink(std::move(fact));
    }
    facts.reset();
    return Status::ok();
}

} // namespace chipgraph::store
