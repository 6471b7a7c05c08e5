#pragma once
// The durable store: the only code that includes sqlite3.h (through sqlite_handle.h). Saves and
// loads the catalog and the facts; every write happens inside a Transaction so that a failed
// load leaves nothing behind.
#include "common/status.h"
#include "schema/catalog.h"
#include "schema/fact.h"
#include "store/row_order.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chipgraph::store {

class Connection;
class Statement;

class Store {
public:
    // Opens or creates the database at `path` (":memory:" for a private in-memory one): creates
    // the schema in a new database, checks the schema version of an existing one (another
    // version is an error naming the chipgraph that made it: such a database is upgraded by
    // `chipgraph dump` with that chipgraph and `chipgraph load` with this one).
    // `readOnly`: opens an existing database for reading only; it never writes (a file without
    // the schema is an error) and every write fails.
    static Result<std::unique_ptr<Store>> open(const std::string& path, bool readOnly = false);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Begins a write transaction (taking the write lock). If another process committed since
    // this store last looked (at open, or at the previous begin), changedByOthers() is true
    // until the next begin: what the caller loaded may be stale (ids, entities).
    Status begin();
    bool changedByOthers() const { return changedByOthers_; }
    // Begins a transaction for bulk writes (a unit that imports): SQLite's foreign key checks,
    // a parent-table lookup per row and reference, are off until commit() or rollback(), and
    // the page cache is large enough to keep the written pages until the commit. The fact and
    // entity writers check the types, relations, sources and entities they name themselves,
    // once per id; commit() checks the keys of the other catalog tables (declarations the
    // unit made) with PRAGMA foreign_key_check. Retracting should not be done in one. On a
    // database on disk with no entities and no facts that no other connection has open, the
    // transaction writes with a rollback journal, and WAL is set again after it.
    Status beginBulk();
    Status commit();
    void rollback();
    // A read transaction: what is read until endRead() is one snapshot, whatever other
    // processes commit meanwhile (loading the catalog and the facts takes many statements).
    Status beginRead();
    void endRead();
    bool inTransaction() const;

    // Loads the catalog (which should be empty): everything but the entities, which it reads
    // from this store on demand (store_entities.cpp; the store must outlive it and its copies)
    // / streams every fact.
    Status loadCatalog(schema::Catalog& catalog);
    // Lazy loading (store_snapshot.cpp). markSnapshot() records the state of the database that
    // a catalog just loaded describes: call it inside the transaction that loaded it.
    // loadRelationFacts() replaces `out` with the stored facts of `relation` in that state, in
    // the order they were stored, whatever other processes committed since (the log tells
    // which facts they added and retracted); this store's own commits since move the state
    // on (the caller keeps what it wrote in memory). Outside a transaction it reads in one.
    Status markSnapshot();
    Status loadRelationFacts(const schema::Catalog& catalog, RelationId relation,
                             std::vector<schema::Fact>& out);
    // Point lookups on disk (fact_index.cpp; docs/storage.md, "Indexes"): each commit that
    // wrote a relation's facts builds its indexes again when it wrote at least an eighth of
    // them (else they are dropped, and the relation is read whole), for relations of at least
    // kMinIndexedFacts facts. Reads are as of the state the catalog describes: use them only
    // while atSnapshot() says that is what the database holds (inside one read transaction).
    static constexpr int64_t kMinIndexedFacts = 4096;
    Result<bool> atSnapshot();
    // What the indexes of `relation` serve now: its fact count and the argument positions a
    // lookup can use (0, the facts' own order, among them); empty positions when they are not
    // current.
    struct IndexedRelation {
        int64_t facts = 0;
        std::vector<int> positions;
    };
    Result<IndexedRelation> indexedRelation(RelationId relation);
    // Appends to `out` the facts of `relation` whose argument at `position` (one that
    // indexedRelation lists) equals `value`, in the order they were stored.
    Status lookupFacts(const schema::Catalog& catalog, RelationId relation, int position,
                       const Value& value, std::vector<schema::Fact>& out);

    // Whether stored rule texts quote every entity (databases made since schema version 8);
    // older ones name entities bare, and their rules are bound as written (bind::NameMode).
    Result<bool> rulesQuoteEntities();
    Status loadFacts(const schema::Catalog& catalog, const std::function<void(schema::Fact)>& sink);

    Status saveType(const schema::TypeInfo& type);
    Status saveRelation(const schema::RelationInfo& relation);
    Status saveEntity(const schema::EntityInfo& entity); // without aliases
    // The same for many (an import creating entities): 64 rows per INSERT; for many more
    // than are stored, inside a transaction, the name index is built again after them.
    Status saveEntities(const std::vector<const schema::EntityInfo*>& entities);
    Status saveAlias(EntityId entity, const std::string& alias, int position);
    // The dates of an entity's name or alias `name` (saved only when it has some).
    Status saveNameTerms(EntityId entity, const std::string& name, const schema::NameTerms& terms);
    Status saveSource(const schema::SourceInfo& source);
    Status saveRule(const schema::RuleInfo& rule);
    Status saveJudgement(const schema::Judgement& judgement); // store_judgements.cpp
    // A what-if scenario's canonical text under its folded name (replacing one of that name),
    // and every stored scenario's text (store_scenarios.cpp).
    Status saveScenario(const std::string& key, const std::string& text);
    Result<std::vector<std::string>> loadScenarios();
    // A `draw` declaration's canonical text (unless already stored), and every stored one in
    // declaration order (store_drawings.cpp).
    Status saveDrawing(const std::string& text);
    Result<std::vector<std::string>> loadDrawings();
    // Returns true when the fact was new, false when an identical fact was already stored.
    Result<bool> saveFact(const schema::Fact& fact);

    // The log (store_log.cpp; docs/time.md, "The log"). One entry per unit of input that
    // changed the database, written inside the unit's transaction.
    struct LogEntry {
        int64_t id = 0;
        std::string at; // UTC, ISO 8601 to the second
        std::string author;
        std::string action; // load, import or retract
        std::string what;   // the files or input it came from
        int64_t firstFact = 0, firstRule = 0;
    };
    // Opens an entry for the unit being written: `entry` (at, author, what filled in) gets its
    // id and the first fact and rule ids the unit can take.
    Status openLogEntry(LogEntry& entry);
    // Ends it: keeps it with its action when the unit changed something, else removes it.
    Status closeLogEntry(const LogEntry& entry, bool changed);
    // Dates every log entry `at`, by `author`: a database restored from the snapshot made at
    // build time is recorded as loaded now, as loading the files would have recorded it.
    Status restampLog(const std::string& at, const std::string& author);
    // The log as this store's state knows it: when another process has written since the
    // snapshot (markSnapshot), its entries are not seen, so that what the log says agrees with
    // the catalog and the facts loaded (a fact naming an entity created since is not read as
    // a corrupt one). logEntries, recordedBy and factRecords read that far.
    // Every entry, oldest first.
    Result<std::vector<LogEntry>> logEntries();
    // How many facts are stored (retracted ones not counted).
    Result<int64_t> storedFactCount();
    // Moves a stored fact to `retracted`, naming the entry that retracts it; nothing is lost.
    Status retractFact(const schema::Fact& fact, int64_t entry);
    // What was recorded by the end of `day` (YYYY-MM-DD): the last entry by then (0: none)
    // and the first fact and rule ids recorded after it.
    struct Recorded {
        int64_t lastEntry = 0;
        int64_t factEnd = 0, ruleEnd = 0;
    };
    Result<Recorded> recordedBy(const std::string& day);
    // The facts stored as of `recorded` (retracted since included, added since left out), in
    // the order they were added.
    Status loadFactsRecorded(const schema::Catalog& catalog, const Recorded& recorded,
                             const std::function<void(schema::Fact)>& sink);
    // Every fact of `relation` ever stored, in the order added: its id (whose entry added it:
    // the last with firstFact <= id) and, once retracted, the entry that retracted it.
    struct FactRecord {
        schema::Fact fact;
        int64_t id = 0;
        int64_t retractedBy = 0; // 0: still stored
    };
    Result<std::vector<FactRecord>> factRecords(const schema::Catalog& catalog,
                                                RelationId relation);

    // Watch lists (store_watch.cpp): saved questions with their answer at the last check.
    struct Watch {
        std::string name, query, answer, checkedAt;
    };
    // Saves a new watch; false when one of that name (case-insensitive) exists.
    Result<bool> addWatch(const Watch& watch);
    Result<std::vector<Watch>> watches(); // by name
    Status updateWatch(const std::string& name, const std::string& answer,
                       const std::string& checkedAt);
    Result<bool> removeWatch(const std::string& name); // false: no such watch
    // Stores facts[first..], which the caller found new (a fact stored all the same is
    // ignored), in key order (each page of the table written once, not one random b-tree
    // insert per fact), many rows per INSERT so that the per-statement cost is paid once per
    // batch; their ids (the order they load in) follow the order of `facts`. A fact repeated
    // in facts[first..] is written once (its first occurrence); `repeated`, if given, gets
    // by position from `first` whether the fact is such a later repeat. `prepared`, if given,
    // is prepareRows(facts, first) made beforehand (row_order.h), and is used up.
    Status appendFacts(const std::vector<schema::Fact>& facts, size_t first,
                       std::vector<bool>* repeated = nullptr, PreparedRows* prepared = nullptr);

    int64_t factCount();
    int64_t entityCount();
    // Writes a copy of the whole database to a new file.
    Status backupTo(const std::string& path);
    // Replaces an in-memory database with a copy of `image` (the bytes of a database file,
    // such as the bundled graph's snapshot): its schema version is checked as at open().
    Status restoreImage(std::string_view image);

private:
    friend class StoredEntities; // store_entities.cpp: the catalog's source of entities
    explicit Store(std::unique_ptr<Connection> connection);
    // The state of the entities a loaded catalog describes: ids below idEnd, aliases and name
    // dates with rowids up to theirs (store_entities.cpp).
    struct EntityBounds {
        int64_t idEnd = 1, aliasEnd = 0, termsEnd = 0;
    };
    Status giveEntitySource(schema::Catalog& catalog);
    // open() with a connection that is read-only, or immutable (see Connection::Access).
    static Result<std::unique_ptr<Store>> openAs(const std::string& path, bool readOnly,
                                                 bool immutable);
    Status initialise(bool readOnly);
    Status versionMismatch(const std::string& storedVersion); // the error for another version
    Status readRelationFacts(const schema::Catalog& catalog, RelationId relation,
                             std::vector<schema::Fact>& out);
    Status advanceSnapshot(); // at a commit of this store's (store_snapshot.cpp)
    // The last log entry the state includes: every one unless another process wrote since
    // the snapshot; and the first fact id after it.
    struct LogLimit {
        int64_t lastEntry = INT64_MAX, factEnd = INT64_MAX;
    };
    Result<LogLimit> logLimit();
    struct Snapshot {
        int64_t version = -1;  // PRAGMA data_version then
        int64_t lastEntry = 0; // the last log entry then
    };
    Snapshot snapshot_;
    void endBulk();            // after a bulk transaction: keys on, the usual page cache
    Status checkForeignKeys(); // the tables a bulk unit writes besides facts and entities
    Status loadJudgements(schema::Catalog& catalog); // store_judgements.cpp
    // The values of the `meta` rows whose key starts with `prefix`, by key (store_scenarios.cpp):
    // scenarios and draw declarations are kept there as text.
    Result<std::vector<std::string>> metaValues(const std::string& prefix);
    // store_checks.cpp: that the rows a fact or an entity names are stored.
    enum class Parent { Type, Relation, Source };
    Status checkParent(Parent parent, int64_t id);
    Status checkReferences(const schema::Fact& fact);
    // fact_index.cpp: the facts this transaction wrote, by relation, and the indexes built
    // again (or dropped) from them before its commit.
    std::map<RelationId, int64_t> writtenFacts_;
    // The keys of a relation that had no facts when this transaction first wrote it, and one
    // appendFacts wrote them all: its indexes are built from them, not from a scan.
    std::map<RelationId, IndexKeys> freshKeys_;
    void noteWritten(RelationId relation, int64_t count) {
        writtenFacts_[relation] += count;
        freshKeys_.erase(relation);
    }
    // Whether `relation` has no stored facts and this transaction has not written it yet.
    Result<bool> untouchedAndEmpty(RelationId relation);
    void keepFreshKeys(RelationId relation, PreparedRows& rows);
    Status refreshIndexes();
    Status buildIndexes(RelationId relation);
    Status saveIndexState(RelationId relation, int position, int64_t facts);
    Result<bool> writeIndex(RelationId relation, int position, const IndexKeys& keys);
    Status readByFirstArgument(const schema::Catalog& catalog, RelationId relation,
                               std::string_view firstArgument, std::vector<schema::Fact>& facts,
                               std::vector<int64_t>& ids);
    void bindFact(Statement& insert, int firstParameter, const FactRow& row, std::string_view keys);
    Result<int64_t> takeFactIds(size_t count); // the first of `count` new fact ids
    Status insertEntities(const std::vector<const schema::EntityInfo*>& entities);
    int64_t countRows(const char* sql);
    Status saveColumns(RelationId relation, const std::vector<schema::Column>& columns,
                       bool qualifiers);

    std::unique_ptr<Connection> db_;
    std::string keyBuffer_; // encoded keys bound (not copied) until the insert has run
    static constexpr int64_t kUnknownFactId = 0; // ids start at 1
    int64_t nextFactId_ = kUnknownFactId;
    // Entity ids known to be stored, by id (entities are never deleted): saved or loaded here,
    // or found by checkReferences. Cleared on rollback, when saved ones may have gone.
    std::vector<bool> storedEntities_;
    std::set<std::pair<Parent, int64_t>> storedParents_; // found by checkParent, likewise
    int64_t lastParent_[3] = {kNoId, kNoId, kNoId};      // by Parent
    bool bulk_ = false; // in a beginBulk() transaction: foreign keys are off
    // store_journal.cpp: a bulk transaction into a new database writes with a rollback
    // journal; WAL is set again when it ends.
    bool rollbackJournal_ = false;
    void useRollbackJournalIfNew();
    void restoreWal();
    // PRAGMA data_version when last looked: it changes when another connection commits.
    int64_t knownVersion_ = 0;
    bool changedByOthers_ = false;
    Result<int64_t> dataVersion();
    bool isStoredEntity(EntityId id) const {
        return id >= 0 && static_cast<size_t>(id) < storedEntities_.size() && storedEntities_[id];
    }
    void markStoredEntity(EntityId id);
};

// A write transaction: rolls back on destruction unless commit() succeeded.
class Transaction {
public:
    enum class Kind { Normal, Bulk };
    explicit Transaction(Store& store, Kind kind = Kind::Normal) : store_(store) {
        status_ = kind == Kind::Bulk ? store_.beginBulk() : store_.begin();
    }
    ~Transaction() {
        if (status_.isOk() && !committed_) store_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    const Status& status() const { return status_; }
    Status commit() {
        Status s = store_.commit();
        committed_ = s.isOk();
        return s;
    }

private:
    Store& store_;
    Status status_;
    bool committed_ = false;
};

} // namespace chipgraph::store
