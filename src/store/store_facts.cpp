// Saving, deleting and loading facts (the rest of the catalog is in store.cpp / store_load.cpp).
#include "store/fact_codec.h"
#include "store/fact_rows.h"
#include "store/row_order.h"
#include "store/schema_sql.h"
#include "store/sqlite_handle.h"
#include "store/store.h"
#include "store/store_macros.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace chipgraph::store {

// Binds the seven columns of an INSERT INTO facts row, from parameter `first` on, into a
// statement just prepared (Connection::prepare clears its parameters: NULL needs no call); the
// key is not copied: `keys` must stay as it is until the statement has run.
void Store::bindFact(Statement& insert, int first, const FactRow& row, std::string_view keys) {
    insert.bindTextStatic(first, keys.substr(row.keyStart, row.keyLength));
    insert.bind(first + 1, row.id);
    insert.bind(first + 2, row.relation);
    if (row.from != kMinDay) insert.bind(first + 3, static_cast<int64_t>(row.from));
    if (row.to != kMaxDay) insert.bind(first + 4, static_cast<int64_t>(row.to));
    if (row.source != kNoId) insert.bind(first + 5, static_cast<int64_t>(row.source));
    insert.bindStatic(first + 6, schema::statusName(row.status));
}

// The ids of `count` new facts, from the first free one on (max(id) + 1, read once: the loader
// or the first write of a transaction learns it; a rollback forgets it).
Result<int64_t> Store::takeFactIds(size_t count) {
    if (nextFactId_ == kUnknownFactId) {
        // Retracted facts keep their ids (the log tells which entry added them).
        CG_PREPARE(max, "SELECT max(coalesce((SELECT max(id) FROM facts), 0), "
                        "coalesce((SELECT max(id) FROM retracted), 0)) + 1");
        Result<bool> row = max.step();
        if (!row) return row.status();
        nextFactId_ = max.columnInt(0);
        max.reset();
    }
    // A database written by hand may hold an id near the top: no wrap past INT64_MAX.
    if (static_cast<uint64_t>(INT64_MAX - nextFactId_) < count)
        return Status::error("no fact ids are left: the database holds one near the largest "
                             "possible (" +
                             std::to_string(INT64_MAX) + ")");
    int64_t first = nextFactId_;
    nextFactId_ += static_cast<int64_t>(count);
    return first;
}

Result<bool> Store::saveFact(const schema::Fact& fact) {
    CG_TRY(checkReferences(fact));
    Result<int64_t> id = takeFactIds(1);
    if (!id) return id.status();
    CG_PREPARE(insert, "INSERT OR IGNORE INTO facts(fact_key, id, relation_id, valid_from, "
                       "valid_to, source_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)");
    keyBuffer_.clear();
    appendFactKey(keyBuffer_, fact);
    bindFact(insert, 1, factRow(fact, id.value(), keyBuffer_, 0), keyBuffer_);
    Status status = insert.run();
    if (!status) return status;
    if (db_->changes() == 0) return false;
    noteWritten(fact.relation, 1);
    return true;
}

// Rows per INSERT of appendFacts: 64 x 7 parameters, well under SQLite's limit of 999.
constexpr size_t kBatchRows = 64;

static std::string batchInsertSql(size_t rows) {
    std::string sql = "INSERT OR IGNORE INTO facts(fact_key, id, relation_id, valid_from, "
                      "valid_to, source_id, status) VALUES ";
    for (size_t i = 0; i < rows; ++i)
        sql += i ? ", (?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?)";
    return sql;
}

// All keys are encoded into one buffer and bound in place (SQLite copying each key, a malloc
// and a free per fact, cost more than encoding it), then the rows are inserted in key order
// (row_order.h) under ids in the order given. Sorted, a repeated key sits next to its first
// occurrence: only that one (the smallest id) is written.
Status Store::appendFacts(const std::vector<schema::Fact>& facts, size_t first,
                          std::vector<bool>* repeated, PreparedRows* given) {
    static const std::string kBatchSql = batchInsertSql(kBatchRows);
    static const std::string kOneSql = batchInsertSql(1);
    for (size_t i = first; i < facts.size(); ++i)
        CG_TRY(checkReferences(facts[i]));
    Result<int64_t> firstId = takeFactIds(facts.size() - first);
    if (!firstId) return firstId.status();
    PreparedRows prepared = given ? std::move(*given) : prepareRows(facts, first);
    const std::string& keys = prepared.keys;
    std::vector<FactRow>& rows = prepared.rows;
    // Facts of one relation new to the transaction and the database: their keys are all
    // its keys, kept for its indexes (fact_index.cpp).
    bool fresh = false;
    if (first < facts.size() &&
        std::all_of(facts.begin() + static_cast<std::ptrdiff_t>(first), facts.end(),
                    [&](const schema::Fact& f) { return f.relation == facts[first].relation; })) {
        Result<bool> empty = untouchedAndEmpty(facts[first].relation);
        if (!empty) return empty.status();
        fresh = empty.value();
    }
    for (size_t i = first, run = first; i < facts.size(); i = run) { // runs of one relation
        while (run < facts.size() && facts[run].relation == facts[i].relation)
            ++run;
        noteWritten(facts[i].relation, static_cast<int64_t>(run - i));
    }
    if (fresh) keepFreshKeys(facts[first].relation, prepared);
    for (size_t done = 0; done < rows.size();) {
        size_t batch = rows.size() - done >= kBatchRows ? kBatchRows : 1;
        // By address: the statement cache need not hash the long SQL text per batch.
        CG_PREPARE(insert, batch == kBatchRows ? kBatchSql.c_str() : kOneSql.c_str());
        for (size_t row = 0; row < batch; ++row) {
            // The keys are read in sorted order, so from all over their buffer: the next
            // batch's are fetched while SQLite copies this one's (a cache miss each otherwise).
            if (done + kBatchRows < rows.size())
                __builtin_prefetch(keys.data() + rows[done + kBatchRows].keyStart);
            rows[done].id += firstId.value(); // prepared with ids from 0
            bindFact(insert, static_cast<int>(7 * row + 1), rows[done++], keys);
        }
        CG_TRY(insert.run());
    }
    if (repeated) *repeated = std::move(prepared.repeated);
    return Status::ok();
}

Status Store::backupTo(const std::string& path) {
    return db_->backupTo(path);
}

Status Store::restoreImage(std::string_view image) {
    CG_TRY(db_->restoreImage(image));
    // What this store knew about the rows it wrote no longer holds.
    nextFactId_ = kUnknownFactId;
    storedEntities_.clear();
    storedParents_.clear();
    std::fill(std::begin(lastParent_), std::end(lastParent_), kNoId);
    CG_TRY(initialise(false)); // the image's schema version is checked as any database's
    Result<int64_t> version = dataVersion();
    if (!version) return version.status();
    knownVersion_ = version.value();
    return Status::ok();
}

int64_t Store::factCount() {
    return countRows("SELECT count(*) FROM facts");
}

// Whether the entities and the source a loaded fact names are in the catalog (a database
// changed by hand may name others; they would be looked up, and fail, much later).
static bool referencesExist(const schema::Catalog& catalog, const schema::Fact& fact) {
    auto known = [&](const Value& v) { return !v.isEntity() || catalog.hasEntity(v.entityId()); };
    return (fact.source == kNoId || catalog.hasSource(fact.source)) &&
           std::all_of(fact.args.begin(), fact.args.end(), known) &&
           std::all_of(fact.qualifiers.begin(), fact.qualifiers.end(),
                       [&](const std::optional<Value>& q) { return !q || known(*q); });
}

RelationsById relationsById(const schema::Catalog& catalog) {
    RelationsById relations;
    for (const schema::RelationInfo* r : catalog.relations())
        relations[r->id] = r;
    return relations;
}

// Reads the plain columns of a `facts` row, selected in this order: id, relation_id,
// valid_from, valid_to, source_id, status. `fact` gets them, with values of the relation's
// sizes to fill in; a relation the catalog does not know is an error naming the fact.
Status readFactRow(const RelationsById& relations, const Statement& row, schema::Fact& fact) {
    fact = schema::Fact{};
    fact.relation = row.columnInt(1);
    auto relation = relations.find(fact.relation);
    if (relation == relations.end())
        return Status::error("fact " + std::to_string(row.columnInt(0)) +
                             " has an unknown relation");
    fact.args.resize(relation->second->columns.size());
    fact.qualifiers.resize(relation->second->qualifiers.size());
    if (!row.columnIsNull(2)) fact.valid.from = static_cast<DayNumber>(row.columnInt(2));
    if (!row.columnIsNull(3)) fact.valid.to = static_cast<DayNumber>(row.columnInt(3));
    if (!row.columnIsNull(4)) fact.source = row.columnInt(4);
    fact.status = schema::parseStatus(row.columnText(5)).value_or(schema::FactStatus::Actual);
    return Status::ok();
}

// Reads every row of `rows` (id, relation_id, valid_from, valid_to, source_id, status,
// fact_key) into `facts`, their ids into `ids`; a corrupt row is an error naming it.
Status readFacts(const schema::Catalog& catalog, Statement& rows, std::vector<schema::Fact>& facts,
                 std::vector<int64_t>& ids, const std::function<void(const Statement&)>& alsoRead) {
    RelationsById relations = relationsById(catalog);
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::Fact& fact = facts.emplace_back();
        if (Status read = readFactRow(relations, rows, fact); !read) {
            rows.reset();
            return read;
        }
        ids.push_back(rows.columnInt(0));
        if (alsoRead) alsoRead(rows);
        if (!decodeFactValues(rows.columnBlob(6), fact)) { // a text's bytes, unconverted
            rows.reset();
            return Status::error("fact " + std::to_string(ids.back()) + " has a corrupt fact_key");
        }
        if (!referencesExist(catalog, fact)) {
            rows.reset();
            return Status::error("the database is corrupt: fact " + std::to_string(ids.back()) +
                                 " names an entity or a source that does not exist");
        }
    }
    rows.reset();
    return Status::ok();
}

// The table is in key order: the facts are read whole, then handed out in id order.
Status Store::loadFacts(const schema::Catalog& catalog,
                        const std::function<void(schema::Fact)>& sink) {
    CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key "
                     "FROM facts");
    std::vector<schema::Fact> facts;
    std::vector<int64_t> ids;
    CG_TRY(readFacts(catalog, rows, facts, ids));
    // Retracted facts keep their ids: takeFactIds reads the largest of both tables.
    nextFactId_ = kUnknownFactId;
    for (uint32_t index : idOrder(ids))
        sink(std::move(facts[index]));
    return Status::ok();
}

} // namespace chipgraph::store
