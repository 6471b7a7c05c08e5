// The journal of a bulk transaction: a rollback journal instead of the WAL for a new database
// (docs/storage.md, "Mode"). In WAL mode every page of an import is written twice (to the WAL
// at the commit, then to the database by the checkpoint); with a rollback journal a page the
// database did not have before needs no journal copy and is written once.
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

// The journal mode SQLite reports after `sql` (a `PRAGMA journal_mode` statement), or "" if it
// failed: leaving WAL fails at once ("database is locked") while another connection has the
// database open, which is what keeps the readers of an existing database working.
static std::string journalModeAfter(Connection& db, const char* sql) {
    Result<Statement*> pragma = db.prepare(sql);
    if (!pragma) return "";
    Result<bool> row = pragma.value()->step();
    std::string mode = row && row.value() ? pragma.value()->columnText(0) : "";
    pragma.value()->reset();
    return mode;
}

// Only outside a transaction (SQLite changes the mode only there), on a database in WAL mode
// (not an in-memory one) that holds no entities and no facts: no reader can miss anything
// while the import runs, and a rollback or a crash leaves it empty again either way.
void Store::useRollbackJournalIfNew() {
    if (journalModeAfter(*db_, "PRAGMA journal_mode") != "wal") return;
    if (countRows("SELECT EXISTS (SELECT 1 FROM facts) OR EXISTS (SELECT 1 FROM entities)") != 0)
        return;
    rollbackJournal_ = journalModeAfter(*db_, "PRAGMA journal_mode = DELETE") == "delete";
}

// After the transaction: WAL again. If another connection opened the database meanwhile and
// holds it, this fails and the database stays in rollback-journal mode (correct, readers
// merely wait for writers) until a writer opens it: Store::initialise sets WAL.
void Store::restoreWal() {
    if (rollbackJournal_ && journalModeAfter(*db_, "PRAGMA journal_mode = WAL") == "wal")
        rollbackJournal_ = false;
}

} // namespace chipgraph::store
