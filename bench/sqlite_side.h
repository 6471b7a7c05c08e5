#pragma once
// The sqlite3 shell on the same CSV files: tables as the files are, `.import`, the indexes a
// user would create on the join and lookup columns, then each case's SQL `runs` times.
#include "bench_case.h"
#include "sqlite_shell.h"

#include <memory>
#include <string>

namespace chipgraph::bench {

class SqliteSide {
public:
    SqliteSide(const Dataset& data, int runs, std::string program)
        : data_(data), runs_(runs), program_(std::move(program)) {}

    // (f): `.import` of every CSV file into empty tables, each run in a fresh shell; keeps the
    // last shell, then creates the indexes (untimed). Answer: rows imported.
    void importAll(Case& c, int runs);

    // (a)-(e): runs `sql`, which prints one line of numbers separated by '|'.
    void query(Case& c, const std::string& sql);

    std::string version();
    void release() { shell_.reset(); }

private:
    const Dataset& data_;
    int runs_;
    std::string program_;
    std::unique_ptr<SqliteShell> shell_;
};

// The SQL of each case, for the dataset's parameters.
std::string upstreamSql(const Dataset& data, bool asOf);
std::string reachAllPairsSql();
std::string ownerYearSql();
std::string designersSql(const Dataset& data);

} // namespace chipgraph::bench
