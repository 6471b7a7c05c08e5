#include "store/store.h"

#include "common/text.h"
#include "store/schema_sql.h"
#include "store/sqlite_handle.h"
#include "store/store_macros.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>

namespace chipgraph::store {

static const char* const kMadeBy = "chipgraph " CHIPGRAPH_VERSION;

Store::Store(std::unique_ptr<Connection> connection) : db_(std::move(connection)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path, bool readOnly) {
    Result<std::unique_ptr<Store>> store = openAs(path, readOnly, false);
    // A database in WAL mode in a read-only folder: SQLite cannot create its -shm file there,
    // and no writer can change the database either, so it is read as immutable.
    if (!store && readOnly) {
        Result<std::unique_ptr<Store>> immutable = openAs(path, true, true);
        if (immutable) return immutable;
    }
    return store;
}

Result<std::unique_ptr<Store>> Store::openAs(const std::string& path, bool readOnly,
                                             bool immutable) {
    using Access = Connection::Access;
    Access access = immutable ? Access::Immutable : readOnly ? Access::ReadOnly : Access::ReadWrite;
    Result<std::unique_ptr<Connection>> connection = Connection::open(path, access);
    if (!connection) return connection.status();
    std::unique_ptr<Store> store(new Store(std::move(connection.value())));
    Status status = store->initialise(readOnly);
    if (!status) return Status::error("'" + path + "': " + status.message());
    // Before the caller loads anything: a commit by another process from here on is seen.
    Result<int64_t> version = store->dataVersion();
    if (!version) return version.status();
    store->knownVersion_ = version.value();
    return store;
}

Status Store::initialise(bool readOnly) {
    CG_TRY(db_->exec("PRAGMA foreign_keys = ON"));
    // WAL lets readers proceed during a load; in-memory databases simply ignore it. Setting it
    // writes the file: a reader takes the mode the writers left.
    if (!readOnly) CG_TRY(db_->exec("PRAGMA journal_mode = WAL"));
    // Statement journals and the sorts of CREATE INDEX stay in memory, not in temporary files.
    CG_TRY(db_->exec("PRAGMA temp_store = MEMORY"));
    CG_PREPARE(tables, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    Result<bool> row = tables.step();
    if (!row) return Status::error("not a chipgraph database (" + row.status().message() + ")");
    int64_t tableCount = tables.columnInt(0);
    tables.reset();
    if (tableCount == 0 && readOnly)
        return Status::error("not a chipgraph database (it has no tables); create one with "
                             "'chipgraph init'");
    if (tableCount == 0) {
        CG_TRY(db_->exec("BEGIN"));
        Status created = db_->exec(schemaSql());
        if (created) {
            CG_PREPARE(version, "INSERT INTO meta(key, value) VALUES ('schema_version', ?), "
                                "('rule_names', 'quoted'), ('made_by', ?)");
            version.bind(1, std::to_string(kSchemaVersion));
            version.bind(2, std::string(kMadeBy));
            created = version.run();
        }
        if (!created) {
            (void)db_->exec("ROLLBACK");
            return created;
        }
        return db_->exec("COMMIT");
    }
    Result<Statement*> version =
        db_->prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!version) return Status::error("not a chipgraph database (it has no 'meta' table)");
    Result<bool> found = version.value()->step();
    if (!found || !found.value())
        return Status::error("not a chipgraph database (no schema version)");
    std::string stored = version.value()->columnText(0);
    version.value()->reset();
    if (stored == std::to_string(kSchemaVersion)) return Status::ok();
    return versionMismatch(stored);
}

// A database of another schema version is not upgraded in place: it is dumped as text by the
// chipgraph that made it and loaded by this one (docs/storage.md).
Status Store::versionMismatch(const std::string& stored) {
    std::string madeBy;
    if (Result<Statement*> row = db_->prepare("SELECT value FROM meta WHERE key = 'made_by'")) {
        Result<bool> found = row.value()->step();
        if (found && found.value()) madeBy = row.value()->columnText(0);
        row.value()->reset();
    }
    if (madeBy.empty()) {
        char* end = nullptr;
        long number = std::strtol(stored.c_str(), &end, 10);
        bool older = end != stored.c_str() && *end == 0 && number < kSchemaVersion;
        madeBy = older ? "an earlier chipgraph" : "another chipgraph";
    }
    return Status::error("made by " + madeBy + " (schema v" + stored + "), and this " + kMadeBy +
                         " reads schema v" + std::to_string(kSchemaVersion) +
                         "; re-create it with 'chipgraph dump' from that version, then "
                         "'chipgraph load'");
}

Result<bool> Store::rulesQuoteEntities() {
    CG_PREPARE(names, "SELECT value FROM meta WHERE key = 'rule_names'");
    Result<bool> row = names.step();
    if (!row) return row.status();
    bool quoted = row.value() && names.columnText(0) == "quoted";
    names.reset();
    return quoted;
}

Status Store::begin() {
    CG_TRY(db_->exec("BEGIN IMMEDIATE"));
    // With the lock held, nothing changes under us; what another process committed before
    // it makes the cached next fact id and the known stored rows stale.
    Result<int64_t> version = dataVersion();
    if (!version) {
        (void)db_->exec("ROLLBACK");
        return version.status();
    }
    changedByOthers_ = version.value() != knownVersion_;
    knownVersion_ = version.value();
    if (changedByOthers_) {
        nextFactId_ = kUnknownFactId;
        storedEntities_.clear();
        storedParents_.clear();
        std::fill(std::begin(lastParent_), std::end(lastParent_), kNoId);
    }
    return Status::ok();
}

Status Store::beginRead() {
    return db_->exec("BEGIN");
}

void Store::endRead() {
    (void)db_->exec("COMMIT");
}

bool Store::inTransaction() const {
    return db_->inTransaction();
}

Result<int64_t> Store::dataVersion() {
    CG_PREPARE(version, "PRAGMA data_version");
    Result<bool> row = version.step();
    if (!row) return row.status();
    int64_t value = version.columnInt(0);
    version.reset();
    return value;
}

// Page cache of a bulk transaction, in KiB (SQLite's default is 2000): the pages an import
// writes stay in memory until the commit instead of being spilled to the WAL and read back.
// SQLite takes the memory only as pages are used; endBulk() gives it back.
constexpr const char* kBulkCacheSql = "PRAGMA cache_size = -262144";
constexpr const char* kDefaultCacheSql = "PRAGMA cache_size = -2000";

// The pragma is a no-op inside a transaction: it is set before BEGIN and reset after the end.
Status Store::beginBulk() {
    CG_TRY(db_->exec("PRAGMA foreign_keys = OFF"));
    Status begun = begin();
    if (begun) {
        bulk_ = true;
        begun = db_->exec(kBulkCacheSql);
        if (!begun) rollback();
    } else {
        (void)db_->exec("PRAGMA foreign_keys = ON");
    }
    return begun;
}

void Store::endBulk() {
    if (!bulk_) return;
    (void)db_->exec("PRAGMA foreign_keys = ON");
    (void)db_->exec(kDefaultCacheSql);
    bulk_ = false;
}

// The tables other than `facts` and `entities` (whose references the writers check) that
// a bulk unit may also write, declaring what its imports use: checked as the keys would have
// been, before the commit.
Status Store::checkForeignKeys() {
    for (const char* table :
         {"relation_columns", "rules", "aliases", "name_terms", "judgements", "types"}) {
        CG_PREPARE(check, std::string("PRAGMA foreign_key_check(") + table + ")");
        Result<bool> row = check.step();
        check.reset();
        if (!row) return row.status();
        if (row.value())
            return Status::error(std::string("database error: a row of '") + table +
                                 "' names a row that is not stored");
    }
    return Status::ok();
}

// A failed COMMIT leaves the transaction open (the caller rolls back), so the keys stay off.
// After a successful one the commit is reported as such whatever the pragmas say (outside a
// transaction they only set flags): a caller told otherwise would undo its in-memory state
// for data that is stored.
Status Store::commit() {
    if (bulk_) CG_TRY(checkForeignKeys());
    CG_TRY(refreshIndexes());
    CG_TRY(advanceSnapshot());
    CG_TRY(db_->exec("COMMIT"));
    endBulk();
    return Status::ok();
}

void Store::rollback() {
    (void)db_->exec("ROLLBACK");
    writtenFacts_.clear();
    freshKeys_.clear();
    nextFactId_ = kUnknownFactId; // ids taken by the rolled-back writes may be free again
    storedEntities_.clear();
    storedParents_.clear();
    std::fill(std::begin(lastParent_), std::end(lastParent_), kNoId);
    endBulk();
}

Status Store::saveType(const schema::TypeInfo& type) {
    CG_PREPARE(insert, "INSERT INTO types(id, name, name_key, parent_id) VALUES (?, ?, ?, ?)");
    insert.bind(1, type.id);
    insert.bind(2, type.name);
    insert.bind(3, text::foldCase(type.name));
    insert.bindOptional(4, type.parent == kNoId ? std::nullopt : std::optional(type.parent));
    return insert.run();
}

static const char* kindText(schema::ColumnKind kind) {
    switch (kind) {
    case schema::ColumnKind::Text:
        return "text";
    case schema::ColumnKind::Number:
        return "number";
    default:
        return "entity";
    }
}

Status Store::saveColumns(RelationId relation, const std::vector<schema::Column>& columns,
                          bool qualifiers) {
    for (size_t i = 0; i < columns.size(); ++i) {
        CG_PREPARE(insert, "INSERT INTO relation_columns(relation_id, is_qualifier, position, "
                           "name, kind, type_id) VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, relation);
        insert.bind(2, int64_t{qualifiers});
        insert.bind(3, static_cast<int64_t>(i));
        insert.bind(4, columns[i].name);
        insert.bind(5, std::string(kindText(columns[i].kind)));
        insert.bindOptional(6, columns[i].kind == schema::ColumnKind::Entity
                                   ? std::optional(columns[i].type)
                                   : std::nullopt);
        CG_TRY(insert.run());
    }
    return Status::ok();
}

Status Store::saveRelation(const schema::RelationInfo& relation) {
    CG_PREPARE(insert, "INSERT INTO relations(id, name, name_key, derived, timeless, per_period, "
                       "key_columns) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, relation.id);
    insert.bind(2, relation.name);
    insert.bind(3, text::foldCase(relation.name));
    insert.bind(4, int64_t{relation.derived});
    insert.bind(5, int64_t{relation.timeless});
    insert.bind(6, int64_t{relation.perPeriod});
    insert.bind(7, relation.keyText());
    CG_TRY(insert.run());
    CG_TRY(saveColumns(relation.id, relation.columns, false));
    return saveColumns(relation.id, relation.qualifiers, true);
}

Status Store::saveEntity(const schema::EntityInfo& entity) {
    CG_TRY(checkParent(Parent::Type, entity.type));
    CG_PREPARE(insert, "INSERT INTO entities(id, name, name_key, type_id) VALUES (?, ?, ?, ?)");
    insert.bind(1, entity.id);
    insert.bind(2, entity.name);
    insert.bind(3, text::foldCase(entity.name));
    insert.bind(4, entity.type);
    CG_TRY(insert.run());
    markStoredEntity(entity.id);
    return Status::ok();
}

static std::string entityInsertSql(size_t rows) {
    std::string sql = "INSERT INTO entities(id, name, name_key, type_id) VALUES ";
    for (size_t i = 0; i < rows; ++i)
        sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
    return sql;
}

// Below this many new entities the name index is updated row by row.
constexpr size_t kMinBulkEntities = 1024;

// Many new entities (at least as many as are stored) inside a transaction: the name index is
// dropped and built again after them, by one sort instead of a random b-tree insert per name
// (a name used twice then fails the CREATE; the caller's rollback brings the index back).
Status Store::saveEntities(const std::vector<const schema::EntityInfo*>& entities) {
    bool rebuildIndex = entities.size() >= kMinBulkEntities && db_->inTransaction() &&
                        static_cast<int64_t>(entities.size()) >= entityCount();
    if (rebuildIndex) CG_TRY(db_->exec(kDropEntityNameIndexSql));
    CG_TRY(insertEntities(entities));
    return rebuildIndex ? db_->exec(kCreateEntityNameIndexSql) : Status::ok();
}

Status Store::insertEntities(const std::vector<const schema::EntityInfo*>& entities) {
    constexpr size_t kBatchRows = 64; // as for facts: the statement's cost once per batch
    static const std::string kBatchSql = entityInsertSql(kBatchRows);
    for (size_t i = 0; i < entities.size();) {
        if (entities.size() - i < kBatchRows) {
            CG_TRY(saveEntity(*entities[i++]));
            continue;
        }
        // Names and folded names are bound in place, not copied (the catalog holds the names;
        // the folded ones are gathered in one buffer first, so it no longer moves).
        size_t ends[kBatchRows];
        keyBuffer_.clear();
        for (size_t row = 0; row < kBatchRows; ++row) {
            CG_TRY(checkParent(Parent::Type, entities[i + row]->type));
            keyBuffer_ += text::foldCase(entities[i + row]->name);
            ends[row] = keyBuffer_.size();
        }
        CG_PREPARE(insert, kBatchSql.c_str());
        std::string_view keys = keyBuffer_;
        for (size_t row = 0, start = 0; row < kBatchRows; start = ends[row++]) {
            const schema::EntityInfo& entity = *entities[i + row];
            int first = static_cast<int>(4 * row);
            insert.bind(first + 1, entity.id);
            insert.bindTextStatic(first + 2, entity.name);
            insert.bindTextStatic(first + 3, keys.substr(start, ends[row] - start));
            insert.bind(first + 4, entity.type);
        }
        CG_TRY(insert.run());
        for (size_t row = 0; row < kBatchRows; ++row)
            markStoredEntity(entities[i + row]->id);
        i += kBatchRows;
    }
    return Status::ok();
}

int64_t Store::entityCount() {
    return countRows("SELECT count(*) FROM entities");
}

// The one number a `SELECT count(*) ...` gives; 0 if it fails.
int64_t Store::countRows(const char* sql) {
    Result<Statement*> count = db_->prepare(sql);
    if (!count || !count.value()->step()) return 0;
    int64_t n = count.value()->columnInt(0);
    count.value()->reset();
    return n;
}

Status Store::saveAlias(EntityId entity, const std::string& alias, int position) {
    CG_PREPARE(insert,
               "INSERT INTO aliases(alias_key, alias, entity_id, position) VALUES (?, ?, ?, ?)");
    insert.bind(1, text::foldCase(alias));
    insert.bind(2, alias);
    insert.bind(3, entity);
    insert.bind(4, int64_t{position});
    return insert.run();
}

Status Store::saveNameTerms(EntityId entity, const std::string& name,
                            const schema::NameTerms& terms) {
    if (terms.source != kNoId) CG_TRY(checkParent(Parent::Source, terms.source));
    CG_PREPARE(insert, "INSERT INTO name_terms(name_key, entity_id, valid_from, valid_to, "
                       "source_id) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, text::foldCase(name));
    insert.bind(2, entity);
    insert.bind(3, int64_t{terms.valid.from});
    insert.bind(4, int64_t{terms.valid.to});
    insert.bindOptional(5, terms.source == kNoId ? std::nullopt
                                                 : std::optional<int64_t>(terms.source));
    return insert.run();
}

Status Store::saveSource(const schema::SourceInfo& source) {
    CG_PREPARE(insert, "INSERT INTO sources(id, name, name_key, title, author, url, published, "
                       "published_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, source.id);
    insert.bind(2, source.name);
    insert.bind(3, text::foldCase(source.name));
    insert.bind(4, source.title);
    insert.bind(5, source.author);
    insert.bind(6, source.url);
    if (source.published) {
        insert.bind(7, source.published->toString());
        insert.bind(8, int64_t{source.published->firstDay()});
    }
    return insert.run();
}

Status Store::saveRule(const schema::RuleInfo& rule) {
    CG_PREPARE(insert, "INSERT INTO rules(id, relation_id, text) VALUES (?, ?, ?)");
    insert.bind(1, rule.id);
    insert.bind(2, rule.relation);
    insert.bind(3, rule.text);
    return insert.run();
}

} // namespace chipgraph::store
