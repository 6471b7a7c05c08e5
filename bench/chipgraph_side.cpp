#include "chipgraph_side.h"

#include "engine/engine_testing.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace chipgraph::bench {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void progress(const Case& c, size_t run, int runs, const Sample& s, int reps = 1) {
    std::fprintf(stderr, "  chipgraph %c run %zu/%d: %.6f s wall, %.6f s cpu%s\n", c.id, run + 1,
                 runs, s.wall, s.cpu,
                 reps > 1 ? (" (mean of " + std::to_string(reps) + " in one batch)").c_str() : "");
}

// A batch of repetitions of a short query lasts about this long (as for sqlite3).
constexpr double kBatchSeconds = 0.05;

// "2019" or "2019..2021" (whole years) -> number of years; 0 if it is not whole years.
int yearsIn(const std::string& valid) {
    auto isYear = [](const std::string& s) {
        return s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos;
    };
    size_t dots = valid.find("..");
    if (dots == std::string::npos) return isYear(valid) ? 1 : 0;
    std::string from = valid.substr(0, dots), to = valid.substr(dots + 2);
    if (!isYear(from) || !isYear(to)) return 0;
    return std::stoi(to) - std::stoi(from) + 1;
}

int columnIndex(const Table& table, const std::string& name) {
    for (size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == name) return static_cast<int>(i);
    return -1;
}

} // namespace

Result<std::unique_ptr<engine::Engine>> ChipgraphSide::freshEngine() {
    Result<std::unique_ptr<engine::Engine>> opened = engine::Engine::open(":memory:");
    if (!opened) return opened.status();
    engine::Engine& engine = *opened.value();
    engine::EngineOptions options; // the default memory guard; no cap on derived facts
    options.limits.timeLimit = timeLimit_;
    options.threads = threads_;
    engine.setOptions(options);
    engine::EvaluationStrategy strategy;
    strategy.partRows = partRows_;
    engine::EngineTesting::setStrategy(engine, strategy);
    engine::Outcome schema = engine.run(readFile(data_.dir + "/schema.kg"), "schema.kg");
    if (!schema.ok()) return Status::error("schema.kg: " + schema.renderDiagnostics());
    return opened;
}

void ChipgraphSide::importAll(Case& c, int runs) {
    for (int run = 0; run < runs; ++run) {
        engine_.reset(); // free the previous engine before building the next
        Result<std::unique_ptr<engine::Engine>> fresh = freshEngine();
        if (!fresh) {
            c.chipgraph.error = fresh.status().message();
            return;
        }
        double facts = 0;
        std::string error;
        Sample s = timeHere([&] {
            for (const CsvFile& csv : csvFiles()) {
                engine::Engine::ImportRequest request;
                request.relation = csv.relation;
                request.path = data_.dir + "/" + csv.file;
                request.createType = csv.createType;
                engine::Engine::ImportOutcome out = fresh.value()->importCsv(request);
                if (!out.outcome.ok()) error += out.outcome.renderDiagnostics();
                facts += out.outcome.stats.factsAdded;
            }
        });
        if (!error.empty()) {
            c.chipgraph.error = "import failed: " + error;
            return;
        }
        progress(c, static_cast<size_t>(run), runs, s);
        c.chipgraph.runs.push_back(s);
        c.chipgraph.answers = {facts};
        engine_ = std::move(fresh.value());
    }
}

void ChipgraphSide::query(Case& c, const std::string& text, const Reader& read) {
    if (!engine_) {
        c.chipgraph.error = "no engine (the import failed)";
        return;
    }
    // As on the sqlite3 side: a short query is repeated so that a batch lasts about
    // kBatchSeconds and the mean is taken (warm caches on both sides); a long one runs alone,
    // and its first run counts. The batch is sized from a second run: the first may include
    // loading the session's base tables for this window (docs/rules.md), once.
    engine::Outcome outcome;
    Sample first = timeHere([&] { outcome = engine_->run(text, "<bench>"); });
    Sample second = timeHere([&] { outcome = engine_->run(text, "<bench>"); });
    int reps =
        static_cast<int>(std::clamp(kBatchSeconds / std::max(second.wall, 1e-6), 1.0, 10000.0));
    for (int run = 0; run < runs_; ++run) {
        Sample s = first;
        if (run > 0 || reps > 1) {
            s = timeHere([&] {
                for (int i = 0; i < reps; ++i)
                    outcome = engine_->run(text, "<bench>");
            });
            s = {s.wall / reps, s.cpu / reps};
        }
        if (!outcome.ok() || outcome.results.size() != 1) {
            c.chipgraph.error = "'" + text + "' failed: " + outcome.renderDiagnostics();
            return;
        }
        progress(c, static_cast<size_t>(run), runs_, s, reps);
        c.chipgraph.runs.push_back(s);
        std::string error;
        c.chipgraph.answers = read(outcome.results[0].asTable()->table, error);
        if (!error.empty()) {
            c.chipgraph.error = error;
            return;
        }
    }
}

void ChipgraphSide::materialize(Case& c, const std::string& relation) {
    if (!engine_) {
        c.chipgraph.error = "no engine (the import failed)";
        return;
    }
    for (int run = 0; run < runs_; ++run) {
        Result<engine::Engine::Materialized> m = Status::error("not run");
        Sample s = timeHere([&] { m = engine_->materialize(relation); });
        if (!m) {
            c.chipgraph.error = "materialize('" + relation + "') failed: " + m.status().message();
            return;
        }
        progress(c, static_cast<size_t>(run), runs_, s);
        c.chipgraph.runs.push_back(s);
        c.chipgraph.answers = {static_cast<double>(m.value().facts)};
        materialized_ = m.value();
    }
}

std::vector<double> distinctFirstColumn(const Table& table, std::string& error) {
    if (table.columns.empty()) {
        error = "the result has no columns";
        return {};
    }
    std::set<std::string> values;
    for (const std::vector<Cell>& row : table.rows)
        values.insert(row[0].text);
    return {static_cast<double>(values.size())};
}

std::vector<double> ownerYearTotals(const Table& table, std::string& error) {
    int units = columnIndex(table, "U"), valid = columnIndex(table, "valid");
    if (units < 0 || valid < 0) {
        error = "owner_units: the result lacks column 'U' or 'valid'";
        return {};
    }
    double groups = 0, total = 0;
    for (const std::vector<Cell>& row : table.rows) {
        int years = yearsIn(row[valid].text);
        if (years == 0 || row[units].kind != Cell::Kind::Number) {
            error = "owner_units: unexpected row (valid '" + row[valid].text + "', units '" +
                    row[units].text + "')";
            return {};
        }
        groups += years;
        total += years * row[units].number.lo;
    }
    return {groups, total};
}

} // namespace chipgraph::bench
