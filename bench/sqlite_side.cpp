#include "sqlite_side.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace chipgraph::bench {

namespace {

// The tables mirror the CSV files (names are the join keys, years are integers).
constexpr const char* kTables = R"sql(
CREATE TABLE supplies(supplier TEXT, customer TEXT, valid_from INTEGER, valid_to INTEGER,
                      status TEXT, source TEXT);
CREATE TABLE develops(owner TEXT, chip TEXT, valid_from INTEGER, valid_to INTEGER,
                      status TEXT, source TEXT);
CREATE TABLE designs(firm TEXT, chip TEXT, valid_from INTEGER, valid_to INTEGER,
                     status TEXT, source TEXT);
CREATE TABLE shipments(chip TEXT, units INTEGER, valid_from INTEGER, valid_to INTEGER,
                       status TEXT, source TEXT);)sql";

// One index per join or lookup column, then statistics for the planner.
constexpr const char* kIndexes = R"sql(
CREATE INDEX supplies_customer ON supplies(customer);
CREATE INDEX supplies_supplier ON supplies(supplier);
CREATE INDEX develops_chip ON develops(chip);
CREATE INDEX develops_owner ON develops(owner);
CREATE INDEX designs_chip ON designs(chip);
CREATE INDEX designs_firm ON designs(firm);
CREATE INDEX shipments_chip ON shipments(chip);
ANALYZE;)sql";

constexpr const char* kRowCount =
    "SELECT (SELECT count(*) FROM supplies) + (SELECT count(*) FROM develops) + "
    "(SELECT count(*) FROM designs) + (SELECT count(*) FROM shipments);";

// A batch of repetitions of a short query lasts about this long.
constexpr double kBatchSeconds = 0.05;

Sample minus(const Sample& a, const Sample& b) {
    return {a.wall - b.wall, a.cpu - b.cpu};
}

std::vector<double> numbers(const std::string& output) {
    std::vector<double> out;
    std::string line = output.substr(0, output.find('\n'));
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '|'))
        out.push_back(std::stod(field));
    return out;
}

void progress(const Case& c, size_t run, int runs, const Sample& s, int reps = 1) {
    std::fprintf(stderr, "  sqlite3   %c run %zu/%d: %.6f s wall, %.6f s cpu%s\n", c.id, run + 1,
                 runs, s.wall, s.cpu,
                 reps > 1 ? (" (mean of " + std::to_string(reps) + " in one batch)").c_str() : "");
}

std::string quoted(const std::string& path) {
    return "\"" + path + "\"";
}

} // namespace

std::string SqliteSide::version() {
    SqliteShell shell(program_);
    if (!shell.ok()) return "unavailable";
    std::string v = shell.run("SELECT sqlite_version();").output;
    return v.substr(0, v.find('\n'));
}

void SqliteSide::importAll(Case& c, int runs) {
    std::string imports;
    for (const CsvFile& csv : csvFiles())
        imports += ".import --csv --skip 1 " + quoted(data_.dir + "/" + csv.file) + " " +
                   csv.relation + "\n";
    for (int run = 0; run < runs; ++run) {
        shell_.reset();
        auto shell = std::make_unique<SqliteShell>(program_);
        SqliteShell::Reply tables = shell->run(kTables);
        if (!shell->ok() || tables.failed) {
            c.sqlite.error = shell->ok() ? tables.output : shell->error();
            return;
        }
        Sample overhead = shell->overhead();
        SqliteShell::Reply imported = shell->run(imports);
        if (imported.failed) {
            c.sqlite.error = "import failed: " + imported.output;
            return;
        }
        Sample s = minus(imported.time, overhead);
        progress(c, static_cast<size_t>(run), runs, s);
        c.sqlite.runs.push_back(s);
        c.sqlite.answers = numbers(shell->run(kRowCount).output);
        shell_ = std::move(shell);
    }
    SqliteShell::Reply indexed = shell_->run(kIndexes);
    if (indexed.failed) c.sqlite.error = "creating the indexes failed: " + indexed.output;
}

void SqliteSide::query(Case& c, const std::string& sql) {
    if (!shell_) {
        c.sqlite.error = "no shell (the import failed)";
        return;
    }
    Sample overhead = shell_->overhead();
    // The first run sizes the batch: a short query is repeated within one command so that the
    // pipe's round trip (tens of microseconds) cannot drown it. A long one runs alone, and its
    // first run counts.
    SqliteShell::Reply first = shell_->run(sql);
    if (first.failed) {
        c.sqlite.error = "query failed: " + first.output;
        return;
    }
    int reps =
        static_cast<int>(std::clamp(kBatchSeconds / std::max(first.time.wall, 1e-6), 1.0, 10000.0));
    std::string batch;
    for (int i = 0; i < reps; ++i)
        batch += sql + "\n";
    for (int run = 0; run < runs_; ++run) {
        SqliteShell::Reply reply = run == 0 && reps == 1 ? first : shell_->run(batch);
        if (reply.failed) {
            c.sqlite.error = "query failed: " + reply.output;
            return;
        }
        Sample s = minus(reply.time, overhead);
        s = {s.wall / reps, s.cpu / reps};
        progress(c, static_cast<size_t>(run), runs_, s, reps);
        c.sqlite.runs.push_back(s);
        c.sqlite.answers = numbers(reply.output);
    }
}

std::string upstreamSql(const Dataset& data, bool asOf) {
    std::string year = std::to_string(data.asOfYear);
    std::string first = asOf ? " AND valid_from <= " + year + " AND valid_to >= " + year : "";
    std::string hop = asOf ? " WHERE s.valid_from <= " + year + " AND s.valid_to >= " + year : "";
    return "WITH RECURSIVE up(x) AS (\n"
           "  SELECT supplier FROM supplies WHERE customer = '" +
           data.targetCompany + "'" + first +
           "\n  UNION\n"
           "  SELECT s.supplier FROM up JOIN supplies s ON s.customer = up.x" +
           hop + ")\nSELECT count(*) FROM up;";
}

std::string reachAllPairsSql() {
    return "WITH RECURSIVE reach(a, c) AS (\n"
           "  SELECT supplier, customer FROM supplies\n"
           "  UNION\n"
           "  SELECT s.supplier, r.c FROM reach r JOIN supplies s ON s.customer = r.a)\n"
           "SELECT count(*) FROM reach;";
}

std::string ownerYearSql() {
    return "SELECT count(*), sum(total) FROM (\n"
           "  SELECT d.owner, s.valid_from AS year, sum(s.units) AS total\n"
           "  FROM shipments s JOIN develops d ON d.chip = s.chip\n"
           "   AND d.valid_from <= s.valid_from AND s.valid_to <= d.valid_to\n"
           "  GROUP BY d.owner, s.valid_from);";
}

std::string designersSql(const Dataset& data) {
    return "SELECT count(DISTINCT firm) FROM designs WHERE chip = '" + data.targetChip + "';";
}

} // namespace chipgraph::bench
