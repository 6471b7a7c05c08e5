// Upgrading databases of earlier schema versions (2 to 7) to the current one, in one
// transaction: the database is either fully upgraded or unchanged.
#include "store/fact_codec.h"
#include "store/fact_codec_v5.h"
#include "store/fact_rows.h"
#include "store/schema_sql.h"
#include "store/sqlite_handle.h"
#include "store/store.h"
#include "store/store_macros.h"

#include <cmath>
#include <unordered_map>

namespace chipgraph::store {

namespace {

const char* const kNumberKinds[] = {"exact", "approx", "greater", "less", "range"};

// A value of the v2/v3 fact_values layout: entity_id, text_value, num_kind, num_lo, num_hi.
Value readV3Value(const Statement& row, int first) {
    if (!row.columnIsNull(first)) return Value::entity(row.columnInt(first));
    if (!row.columnIsNull(first + 1)) return Value::text(row.columnText(first + 1));
    std::string kind = row.columnText(first + 2);
    double inf = std::numeric_limits<double>::infinity();
    double lo = row.columnIsNull(first + 3) ? -inf : row.columnDouble(first + 3);
    double hi = row.columnIsNull(first + 4) ? inf : row.columnDouble(first + 4);
    for (int k = 0; k < 5; ++k)
        if (kind == kNumberKinds[k]) return Value::number({static_cast<NumberKind>(k), lo, hi});
    return Value::number(Number::exact(lo));
}

// Writes `fact` into facts_new under the id and with the plain columns of `row`.
Status insertFact(Statement& insert, const Statement& row, const schema::Fact& fact) {
    for (int column = 0; column <= 4; ++column)
        if (!row.columnIsNull(column)) insert.bind(column + 1, row.columnInt(column));
    insert.bind(6, row.columnText(5));
    std::string key = encodeFactKey(fact);
    insert.bindTextStatic(7, key);
    Status inserted = insert.run();
    insert.reset();
    return inserted;
}

// Reads the v3 facts with their fact_values in one ordered pass (merged by id).
Status copyV3Facts(const RelationsById& relations, Statement& facts, Statement& values,
                   Statement& insert) {
    Result<bool> valueRow = values.step();
    schema::Fact fact;
    for (;;) {
        if (!valueRow) return valueRow.status();
        Result<bool> row = facts.step();
        if (!row) return row.status();
        if (!row.value()) return Status::ok();
        int64_t id = facts.columnInt(0);
        CG_TRY(readFactRow(relations, facts, fact));
        for (; valueRow && valueRow.value() && values.columnInt(0) <= id;
             valueRow = values.step()) {
            if (values.columnInt(0) != id) continue; // values of a fact that does not exist
            size_t position = static_cast<size_t>(values.columnInt(2));
            if (values.columnInt(1) == 0 && position < fact.args.size())
                fact.args[position] = readV3Value(values, 3);
            else if (values.columnInt(1) == 1 && position < fact.qualifiers.size())
                fact.qualifiers[position] = readV3Value(values, 3);
        }
        CG_TRY(insertFact(insert, facts, fact));
    }
}

// Reads the v4 to v6 facts, their values from the key (column 6) as `decode` reads it.
using KeyDecoder = bool (*)(std::string_view key, schema::Fact& fact);
Status copyKeyedFacts(const RelationsById& relations, Statement& facts, Statement& insert,
                      KeyDecoder decode) {
    schema::Fact fact;
    for (;;) {
        Result<bool> row = facts.step();
        if (!row) return row.status();
        if (!row.value()) return Status::ok();
        CG_TRY(readFactRow(relations, facts, fact));
        if (!decode(facts.columnBlob(6), fact))
            return Status::error("fact " + std::to_string(facts.columnInt(0)) +
                                 " has a corrupt fact_key");
        CG_TRY(insertFact(insert, facts, fact));
    }
}

} // namespace

// Foreign keys must be off while the tables are rebuilt (the pragma is a no-op inside a
// transaction, so it brackets it); the whole migration commits or nothing changes.
Status Store::migrate(const std::string& fromVersion) {
    CG_TRY(db_->exec("PRAGMA foreign_keys = OFF"));
    Status status = db_->exec("BEGIN IMMEDIATE");
    if (status) status = db_->exec(kMigrateRelationsToV8Sql);
    if (status) status = db_->exec(kMigrateToV9Sql);
    if (fromVersion != "7") {
        if (status && fromVersion == "2") status = db_->exec(kMigrateV2ToV3Sql);
        if (status) status = db_->exec(createFactsTableSql("facts_new"));
        if (status) status = migrateFacts(fromVersion);
        if (status) status = db_->exec(createEntitiesTableSql("entities_new"));
        if (status) status = db_->exec(kFinishUpgradeSql);
        if (status) status = db_->exec(kCreateEntityNameIndexSql);
    }
    if (status)
        status = db_->exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion) +
                           "' WHERE key = 'schema_version'");
    if (status) status = db_->exec("COMMIT");
    if (!status) {
        (void)db_->exec("ROLLBACK");
        status = Status::error("cannot upgrade the database from schema version " + fromVersion +
                               " to " + std::to_string(kSchemaVersion) + ": " + status.message());
    }
    Status keys = db_->exec("PRAGMA foreign_keys = ON");
    return status ? keys : status;
}

Status Store::migrateFacts(const std::string& fromVersion) {
    schema::Catalog catalog;
    CG_TRY(loadCatalog(catalog));
    RelationsById relations = relationsById(catalog);
    CG_PREPARE(insert, "INSERT OR IGNORE INTO facts_new(id, relation_id, valid_from, valid_to, "
                       "source_id, status, fact_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Status copied;
    if (fromVersion == "2" || fromVersion == "3") {
        CG_PREPARE(facts, "SELECT id, relation_id, valid_from, valid_to, source_id, status "
                          "FROM facts ORDER BY id");
        CG_PREPARE(values,
                   "SELECT fact_id, is_qualifier, position, entity_id, text_value, num_kind, "
                   "num_lo, num_hi FROM fact_values ORDER BY fact_id, is_qualifier, position");
        copied = copyV3Facts(relations, facts, values, insert);
        // No statement may still be reading the old tables when they are dropped or rolled back.
        facts.reset();
        values.reset();
    } else {
        CG_PREPARE(facts, "SELECT id, relation_id, valid_from, valid_to, source_id, status, "
                          "fact_key FROM facts ORDER BY id");
        copied = copyKeyedFacts(relations, facts, insert,
                                fromVersion == "6" ? decodeFactValuesV6 : decodeFactValuesV5);
        facts.reset();
    }
    return copied;
}

} // namespace chipgraph::store
