// Upgrading databases of earlier schema versions (2 to 4) to the current one, in one
// transaction: the database is either fully upgraded or unchanged.
#include "store/fact_codec.h"
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

} // namespace

// Foreign keys must be off while the tables are rebuilt (the pragma is a no-op inside a
// transaction, so it brackets it); the whole migration commits or nothing changes.
Status Store::migrate(const std::string& fromVersion) {
    CG_TRY(db_->exec("PRAGMA foreign_keys = OFF"));
    Status status = db_->exec("BEGIN IMMEDIATE");
    if (status && fromVersion == "2") status = db_->exec(kMigrateV2ToV3Sql);
    if (status && fromVersion != "4") status = migrateV3ToV4();
    if (status) status = db_->exec(kMigrateV4ToV5Sql);
    if (status) status = db_->exec("COMMIT");
    if (!status) {
        (void)db_->exec("ROLLBACK");
        status = Status::error("cannot upgrade the database from schema version " + fromVersion +
                               " to " + std::to_string(kSchemaVersion) + ": " + status.message());
    }
    Status keys = db_->exec("PRAGMA foreign_keys = ON");
    return status ? keys : status;
}

// Reads the v3 facts with their fact_values in one ordered pass (merged by id), encodes each
// fact's key and writes it with `insert` under the same id.
static Status
copyV3Facts(const std::unordered_map<RelationId, const schema::RelationInfo*>& relations,
            Statement& facts, Statement& values, Statement& insert) {
    Result<bool> valueRow = values.step();
    for (;;) {
        if (!valueRow) return valueRow.status();
        Result<bool> row = facts.step();
        if (!row) return row.status();
        if (!row.value()) return Status::ok();
        int64_t id = facts.columnInt(0);
        schema::Fact fact;
        fact.relation = facts.columnInt(1);
        auto relation = relations.find(fact.relation);
        if (relation == relations.end())
            return Status::error("fact " + std::to_string(id) + " has an unknown relation");
        fact.args.resize(relation->second->columns.size());
        fact.qualifiers.resize(relation->second->qualifiers.size());
        if (!facts.columnIsNull(2)) fact.valid.from = static_cast<DayNumber>(facts.columnInt(2));
        if (!facts.columnIsNull(3)) fact.valid.to = static_cast<DayNumber>(facts.columnInt(3));
        if (!facts.columnIsNull(4)) fact.source = facts.columnInt(4);
        fact.status = schema::parseStatus(facts.columnText(5)).value_or(schema::FactStatus::Actual);
        for (; valueRow && valueRow.value() && values.columnInt(0) <= id;
             valueRow = values.step()) {
            if (values.columnInt(0) != id) continue; // values of a fact that does not exist
            size_t position = static_cast<size_t>(values.columnInt(2));
            if (values.columnInt(1) == 0 && position < fact.args.size())
                fact.args[position] = readV3Value(values, 3);
            else if (values.columnInt(1) == 1 && position < fact.qualifiers.size())
                fact.qualifiers[position] = readV3Value(values, 3);
        }
        insert.bind(1, id);
        for (int column = 1; column <= 4; ++column)
            if (!facts.columnIsNull(column)) insert.bind(column + 1, facts.columnInt(column));
        insert.bind(6, facts.columnText(5));
        std::string key = encodeFactKey(fact);
        insert.bindBlobStatic(7, key);
        Status inserted = insert.run();
        insert.reset();
        if (!inserted) return inserted;
    }
}

Status Store::migrateV3ToV4() {
    CG_TRY(db_->exec(kCreateFactsV4Sql));
    schema::Catalog catalog;
    CG_TRY(loadCatalog(catalog));
    std::unordered_map<RelationId, const schema::RelationInfo*> relations;
    for (const schema::RelationInfo* r : catalog.relations())
        relations[r->id] = r;
    CG_PREPARE(facts, "SELECT id, relation_id, valid_from, valid_to, source_id, status "
                      "FROM facts ORDER BY id");
    CG_PREPARE(values, "SELECT fact_id, is_qualifier, position, entity_id, text_value, num_kind, "
                       "num_lo, num_hi FROM fact_values ORDER BY fact_id, is_qualifier, position");
    CG_PREPARE(insert, "INSERT OR IGNORE INTO facts_v4(id, relation_id, valid_from, valid_to, "
                       "source_id, status, fact_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Status copied = copyV3Facts(relations, facts, values, insert);
    // No statement may still be reading the old tables when they are dropped or rolled back.
    facts.reset();
    values.reset();
    CG_TRY(copied);
    return db_->exec(kFinishV3ToV4Sql);
}

} // namespace chipgraph::store
