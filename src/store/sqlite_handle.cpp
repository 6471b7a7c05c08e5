#include "store/sqlite_handle.h"

#include <cstdio>
#include <cstring>

namespace chipgraph::store {

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
}
void Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
}
void Statement::bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void Statement::bindStatic(int index, const char* value) {
    sqlite3_bind_text(stmt_, index, value, -1, SQLITE_STATIC);
}
void Statement::bindTextStatic(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}
void Statement::bindBlobStatic(int index, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}
void Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
}
void Statement::bindOptional(int index, std::optional<int64_t> value) {
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

// "database error: ...", naming the cause of the errors a user can fix.
static Status databaseError(sqlite3* db, int rc, const std::string& message) {
    switch (rc & 0xff) {
    case SQLITE_READONLY:
        return Status::error("cannot write the database: it is read-only (the file, its folder "
                             "or its file system; or the command only reads)");
    case SQLITE_CANTOPEN:
        return Status::error("cannot open the database or the journal files beside it (-wal, "
                             "-shm): the folder may be read-only");
    case SQLITE_BUSY:
        return Status::error("the database is locked by another process; retry when it is done");
    default:
        return Status::error("database error: " + (message.empty() ? sqlite3_errmsg(db) : message));
    }
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return databaseError(db_, rc, "");
}

int64_t Statement::singleInt() {
    Result<bool> row = step();
    int64_t value = row && row.value() ? columnInt(0) : 0;
    reset();
    return value;
}

Status Statement::run() {
    for (;;) {
        Result<bool> row = step();
        if (!row) return row.status();
        if (!row.value()) return Status::ok();
    }
}

std::string Statement::columnText(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
}

std::string_view Statement::columnBlob(int column) const {
    const void* bytes = sqlite3_column_blob(stmt_, column);
    return bytes ? std::string_view(static_cast<const char*>(bytes),
                                    static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                 : std::string_view();
}

// Memory statistics make every sqlite3_malloc/free take a global mutex (about 7% of a bulk
// import's instructions); chipgraph never reads them. Only possible before SQLite initialises:
// when something else in the process opened a database first, the call is refused, harmlessly.
static void configureOnce() {
    static const bool configured = [] {
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

// A file: URI for `path` that opens it as immutable (no locks, no -shm or -wal file).
static std::string immutableUri(const std::string& path) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20) {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?immutable=1";
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, Access access) {
    configureOnce();
    sqlite3* db = nullptr;
    // NOMUTEX: a connection is only ever used by the thread that owns its engine, so SQLite's
    // per-call mutex (a few percent of a bulk import) buys nothing.
    // ReadOnly opens for writing all the same (SQLite falls back to reading only for a file it
    // cannot write) and refuses writes with query_only: a connection that may write removes
    // the -wal and -shm files when it closes last; a reading-only one leaves them behind.
    int flags = (access == Access::ReadWrite  ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                 : access == Access::ReadOnly ? SQLITE_OPEN_READWRITE
                                              : SQLITE_OPEN_READONLY) |
                SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (access == Access::Immutable) {
        flags |= SQLITE_OPEN_URI;
        name = immutableUri(path);
    }
    int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return Status::error("cannot open database '" + path + "': " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    auto connection = std::unique_ptr<Connection>(new Connection(db));
    if (access != Access::ReadWrite)
        if (Status s = connection->exec("PRAGMA query_only = ON"); !s) return s;
    return connection;
}

Connection::~Connection() {
    byAddress_.clear();
    cache_.clear(); // statements must be finalized before the connection closes
    sqlite3_close(db_);
}

Status Connection::exec(const std::string& sql) {
    char* message = nullptr;
    if (int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message); rc != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        return databaseError(db_, rc, text);
    }
    return Status::ok();
}

Status Connection::backupTo(const std::string& path) {
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        std::string message = target ? sqlite3_errmsg(target) : "out of memory";
        sqlite3_close(target);
        return Status::error("cannot create '" + path + "': " + message);
    }
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    if (backup) sqlite3_backup_finish(backup);
    std::string message = sqlite3_errmsg(target);
    sqlite3_close(target);
    if (rc != SQLITE_DONE) return Status::error("cannot save to '" + path + "': " + message);
    return Status::ok();
}

Status Connection::restoreImage(std::string_view image) {
    byAddress_.clear();
    cache_.clear();
    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
    if (!copy) return Status::error("out of memory restoring a database image");
    std::memcpy(copy, image.data(), image.size());
    // An image of a WAL database (bytes 18 and 19: 2) would need a WAL file beside it: an
    // in-memory copy reads it as a rollback-journal one (1) instead.
    if (image.size() > 19 && copy[18] == 2 && copy[19] == 2) copy[18] = copy[19] = 1;
    int rc = sqlite3_deserialize(db_, "main", copy, static_cast<sqlite3_int64>(image.size()),
                                 static_cast<sqlite3_int64>(image.size()),
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) return databaseError(db_, rc, "cannot restore a database image");
    return Status::ok();
}

Result<Statement*> Connection::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
        it->second->reset();
        return it->second.get();
    }
    sqlite3_stmt* stmt = nullptr;
    if (int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr); rc != SQLITE_OK)
        return databaseError(db_, rc, "");
    auto owned = std::make_unique<Statement>(db_, stmt);
    Statement* raw = owned.get();
    cache_.emplace(sql, std::move(owned));
    return raw;
}

Result<Statement*> Connection::prepare(const char* sql) {
    auto it = byAddress_.find(sql);
    if (it != byAddress_.end()) {
        it->second->reset();
        return it->second;
    }
    Result<Statement*> statement = prepare(std::string(sql));
    if (statement) byAddress_.emplace(sql, statement.value());
    return statement;
}

} // namespace chipgraph::store
