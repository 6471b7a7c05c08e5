#pragma once
// Thin RAII wrappers over the SQLite C API: a connection and prepared statements. Copying is
// deleted; every SQL statement with values goes through bind*(), never string concatenation.
#include "common/status.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chipgraph::store {

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(stmt_); }

    // Clears bindings and resets, ready for the next use.
    void reset();
    void bind(int index, int64_t value);
    void bind(int index, double value);
    void bind(int index, const std::string& value);
    // Text that outlives the statement's next reset (a string literal): not copied.
    void bindStatic(int index, const char* value);
    // Text that stays valid until the statement has run: not copied.
    void bindBlobStatic(int index, std::string_view bytes); // not copied, as bindTextStatic
    void bindTextStatic(int index, std::string_view text);
    void bindNull(int index);
    void bindOptional(int index, std::optional<int64_t> value);
    // Steps once: true when a row is available, false when done; an error becomes a Status.
    Result<bool> step();
    // Steps until done (for INSERT/UPDATE/DELETE).
    Status run();
    // The first column of the first row as an integer, then reset: a count, a max(id) (0 when
    // there is no row, or stepping failed).
    int64_t singleInt();

    int64_t columnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
    double columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
    bool columnIsNull(int column) const {
        return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
    }
    std::string columnText(int column) const;
    // The bytes of a blob or a text (unconverted); valid until the next step or reset.
    std::string_view columnBlob(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

class Connection {
public:
    // ReadOnly never writes the database (PRAGMA query_only); Immutable does not even read or
    // create the -wal and -shm files beside it (for a file in a read-only folder: no writer can
    // change it there).
    enum class Access { ReadWrite, ReadOnly, Immutable };
    // Opens (creating if needed, for ReadWrite) the database at `path`; ":memory:" for an
    // in-memory one.
    static Result<std::unique_ptr<Connection>> open(const std::string& path, Access access);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs SQL without parameters (DDL, pragmas, transaction control).
    Status exec(const std::string& sql);
    // A cached prepared statement, reset and ready to bind. Owned by the connection.
    Result<Statement*> prepare(const std::string& sql);
    // The same for SQL in a string literal: cached by address too, so a statement run once per
    // fact costs no string building or hashing of its text.
    Result<Statement*> prepare(const char* sql);
    int64_t changes() const { return sqlite3_changes64(db_); }
    bool inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
    // Copies the whole database into a new file at `path` (SQLite's online backup).
    Status backupTo(const std::string& path);
    // Replaces the database (an in-memory one) with a copy of `image`, the bytes of a database
    // file; statements prepared before are dropped.
    Status restoreImage(std::string_view image);

private:
    explicit Connection(sqlite3* db) : db_(db) {}
    sqlite3* db_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
    std::unordered_map<const char*, Statement*> byAddress_;
};

} // namespace chipgraph::store
