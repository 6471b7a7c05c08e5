// chipgraph as a peer of ../shared/peer-bench (bench/peers/chipgraph execs it): loads the
// peer-bench CSV files with the statements of bench/peers/chipgraph.kg, asks Q1–Q5 as a user
// writes them (text through Engine::run, provenance on) and prints one JSON line per query.
//
//   chipgraph_peer SCHEMA.kg    with BENCH_DATA, BENCH_WORK, BENCH_REPS, BENCH_LOAD_REPS,
//                               BENCH_BUDGET_S set as peer-bench's README describes
//
// For profiling one query: BENCH_LOAD_REPS=0 reuses the database an earlier run left in
// BENCH_WORK (no Q6), and BENCH_ONLY=Q5 (a list: Q1,Q5) asks only those queries.
#include "bench_util.h"
#include "engine/engine.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace cg = chipgraph;
namespace fs = std::filesystem;

namespace {

struct Settings {
    std::string data, work, schema;
    int reps = 5, loadReps = 1;
    double budgetMs = 10000;
    std::string only; // BENCH_ONLY: the queries to ask (empty: all)
};

// What peer-bench compares for one query: a count and (where it names one) a check value.
struct Answer {
    double count = 0;
    std::optional<double> check;
};

std::string env(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// params.csv: key,value lines after a header.
std::map<std::string, std::string> readParams(const std::string& path) {
    std::map<std::string, std::string> out;
    std::istringstream in(readFile(path));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        size_t comma = line.find(',');
        if (comma != std::string::npos) out[line.substr(0, comma)] = line.substr(comma + 1);
    }
    return out;
}

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

void emit(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

void emitResult(const std::string& q, const std::vector<double>& ms, const Answer& a) {
    std::string list;
    for (double m : ms)
        list += (list.empty() ? "" : ", ") + number(m);
    emit("{\"q\": \"" + q + "\", \"ms\": [" + list + "], \"count\": " + number(a.count) +
         ", \"check\": " + (a.check ? number(*a.check) : "null") + "}");
}

void fail(const std::string& what) {
    std::fprintf(stderr, "chipgraph_peer: %s\n", what.c_str());
    std::exit(1);
}

// Runs `work` up to `reps` times (fewer once the budget is spent), returning each time in ms.
std::vector<double> timed(int reps, double budgetMs, const std::function<void()>& work) {
    std::vector<double> ms;
    double total = 0;
    for (int i = 0; i < reps && total <= budgetMs; ++i) {
        double t0 = cg::bench::wallSeconds();
        work();
        ms.push_back((cg::bench::wallSeconds() - t0) * 1000);
        total += ms.back();
    }
    return ms;
}

int columnOf(const cg::Table& table, const std::string& name) {
    for (size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == name) return static_cast<int>(i);
    fail("no column '" + name + "' in the answer");
    return -1;
}

// Distinct values of a column (an answer may hold one entity in several rows: one per stretch
// of validity), their number and the sum of their values read as numbers (entity names are
// the ids of entities.csv).
Answer distinctIds(const cg::Table& table, const std::string& column) {
    int c = columnOf(table, column);
    std::set<std::string> seen;
    for (const auto& row : table.rows)
        seen.insert(row[c].text);
    Answer a{static_cast<double>(seen.size()), 0.0};
    for (const std::string& id : seen)
        *a.check += std::strtod(id.c_str(), nullptr);
    return a;
}

Answer rowsAndSum(const cg::Table& table, const std::string& column) {
    int c = columnOf(table, column);
    Answer a{static_cast<double>(table.rows.size()), 0.0};
    for (const auto& row : table.rows)
        *a.check += row[c].number.lo;
    return a;
}

Answer singleNumber(const cg::Table& table, const std::string& column) {
    int c = columnOf(table, column);
    if (table.rows.size() != 1) fail("expected one row, got " + std::to_string(table.rows.size()));
    return {table.rows[0][c].number.lo, std::nullopt};
}

cg::Table ask(cg::engine::Engine& engine, const std::string& text) {
    cg::engine::Outcome out = engine.run(text, "<peer>");
    if (!out.ok() || out.results.size() != 1 || !out.results[0].asTable())
        fail("'" + text + "' failed:\n" + out.renderDiagnostics());
    return std::move(std::get<cg::engine::TableAnswer>(out.results[0].answer).table);
}

std::unique_ptr<cg::engine::Engine> openEngine(const std::string& path) {
    auto opened = cg::engine::Engine::open(path);
    if (!opened) fail("cannot open " + path + ": " + opened.status().message());
    return std::move(opened.value());
}

// Q6: a fresh database, the schema and rules, then one `import` statement per CSV file.
std::string loadStatements(const Settings& s) {
    std::string text = readFile(s.schema);
    if (text.empty()) fail("cannot read " + s.schema);
    const std::pair<const char*, const char*> imports[] = {{"named", "entities.csv\" create Item"},
                                                           {"supplies", "supplies.csv\""},
                                                           {"link", "supplies.csv\""},
                                                           {"designs", "designs.csv\""},
                                                           {"made_by", "made_by.csv\""},
                                                           {"built_on", "built_on.csv\""},
                                                           {"shipments", "shipments.csv\""}};
    for (const auto& [relation, rest] : imports)
        text += "import " + std::string(relation) + " from \"" + s.data + "/" + rest + ".\n";
    return text;
}

std::string load(const Settings& s) {
    std::string db = s.work + "/chipgraph.db";
    if (s.loadReps == 0) {
        if (!fs::exists(db)) fail("BENCH_LOAD_REPS=0 but there is no " + db + " to reuse");
        return db;
    }
    std::string text = loadStatements(s);
    std::vector<double> ms = timed(s.loadReps, 1e300, [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(db + suffix);
        auto engine = openEngine(db);
        cg::engine::Outcome out = engine->run(text, s.schema);
        if (!out.ok()) fail("the load failed:\n" + out.renderDiagnostics());
    });
    auto engine = openEngine(db);
    emitResult("Q6", ms, singleNumber(ask(*engine, "? supplies_count(N)."), "N"));
    return db;
}

void query(const Settings& s, cg::engine::Engine& engine, const std::string& q,
           const std::string& text, const std::function<Answer(const cg::Table&)>& read) {
    if (!s.only.empty() && ("," + s.only + ",").find("," + q + ",") == std::string::npos) return;
    cg::Table result;
    std::vector<double> ms = timed(s.reps, s.budgetMs, [&] { result = ask(engine, text); });
    emitResult(q, ms, read(result));
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: chipgraph_peer SCHEMA.kg (run by bench/peers/chipgraph)\n");
        return 2;
    }
    Settings s;
    s.schema = argv[1];
    s.data = env("BENCH_DATA", "");
    s.work = env("BENCH_WORK", "");
    if (s.data.empty() || s.work.empty()) fail("BENCH_DATA and BENCH_WORK must be set");
    s.reps = std::atoi(env("BENCH_REPS", "5").c_str());
    s.loadReps = std::atoi(env("BENCH_LOAD_REPS", "1").c_str());
    s.budgetMs = std::atof(env("BENCH_BUDGET_S", "10").c_str()) * 1000;
    s.only = env("BENCH_ONLY", "");
    std::map<std::string, std::string> p = readParams(s.data + "/params.csv");
    emit("{\"info\": {\"engine\": \"chipgraph (in-process, provenance on)\", \"store\": "
         "\"disk\", \"threads\": \"default (one per core)\"}}");

    std::string db = load(s);
    auto engine = openEngine(db); // a fresh session, as a user's next command
    // As `chipgraph query` answers with a table: no fingerprint (it hashes every fact asked
    // about, so a point lookup would read whole relations).
    cg::engine::EngineOptions options = engine->options();
    options.fingerprints = false;
    engine->setOptions(options);
    std::string chip = p["q1_chip"], vendor = p["q2_vendor"], year = p["q3_year"];
    query(s, *engine, "Q1", "? named(C, \"" + chip + "\", _), designs(F, C), named(F, Name, _).",
          [](const cg::Table& t) {
              return Answer{static_cast<double>(t.rows.size()), std::nullopt};
          });
    query(s, *engine, "Q5", "? vendor_units(V, Y, Total).",
          [](const cg::Table& t) { return rowsAndSum(t, "Total"); });
    query(s, *engine, "Q3",
          "? named(V, \"" + vendor + "\", _), reach_dated(X, V), X != V as of " + year + ".",
          [](const cg::Table& t) { return distinctIds(t, "X"); });
    query(s, *engine, "Q2", "? named(V, \"" + vendor + "\", _), reach(X, V), X != V.",
          [](const cg::Table& t) { return distinctIds(t, "X"); });
    query(s, *engine, "Q4", "? reach_pairs(N).",
          [](const cg::Table& t) { return singleNumber(t, "N"); });
    return 0;
}
