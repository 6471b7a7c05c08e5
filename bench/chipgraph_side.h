#pragma once
// chipgraph in-process: one `:memory:` engine loaded from the dataset's CSV files, then each
// case run `runs` times through the public API (Engine::run, Engine::materialize).
#include "bench_case.h"
#include "engine/engine.h"

#include <chrono>
#include <functional>
#include <memory>

namespace chipgraph::bench {

class ChipgraphSide {
public:
    ChipgraphSide(const Dataset& data, int runs, std::chrono::milliseconds timeLimit)
        : data_(data), runs_(runs), timeLimit_(timeLimit) {}

    // (f): imports the CSV files into a fresh engine `runs` times (the schema untimed); keeps
    // the last engine for the queries. Answer: facts imported.
    void importAll(Case& c, int runs);

    // Reads a query's answer from its result table (one number per check).
    using Reader = std::function<std::vector<double>(const Table&, std::string& error)>;
    // (a), (b), (d), (e): Engine::run(text), which parses, binds, evaluates the rules the
    // query needs and builds the result table.
    void query(Case& c, const std::string& text, const Reader& read);

    // (c): Engine::materialize(relation). Answer: distinct derived tuples.
    void materialize(Case& c, const std::string& relation);
    const std::optional<engine::Engine::Materialized>& lastMaterialized() const {
        return materialized_;
    }

    void release() { engine_.reset(); }
    // Threads for rule evaluation (Engine::setEvaluationThreads; 0: one per core).
    void setThreads(int threads) { threads_ = threads; }
    // Facts per part of a closure (Engine::setPartRows; 0: the engine's default).
    void setPartRows(size_t rows) { partRows_ = rows; }

private:
    Result<std::unique_ptr<engine::Engine>> freshEngine();

    const Dataset& data_;
    int runs_;
    std::chrono::milliseconds timeLimit_;
    int threads_ = 0;
    size_t partRows_ = 0;
    std::unique_ptr<engine::Engine> engine_;
    std::optional<engine::Engine::Materialized> materialized_;
};

// Readers for the result tables.
// The number of distinct values in the first column (validity may split one answer in rows).
std::vector<double> distinctFirstColumn(const Table& table, std::string& error);
// owner_units(V, U): {owner-year groups, total units}; a row valid over several years stands
// for each of them (equal sums in consecutive years coalesce into one row).
std::vector<double> ownerYearTotals(const Table& table, std::string& error);

} // namespace chipgraph::bench
