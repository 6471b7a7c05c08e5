#pragma once
// The front door: Engine::run(text) -> Outcome{tables | diagnostics}. Owns the store (SQLite),
// the catalog and the in-memory facts, and keeps them in step: a unit of input (one text, or
// several files loaded together) is parsed and bound completely before anything is written,
// then executed in one transaction. Any error leaves the database and the engine unchanged.
#include "common/diagnostic.h"
#include "common/table.h"
#include "schema/catalog.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::store {
class Store;
}
namespace chipgraph::eval {
class FactBase;
}

namespace chipgraph::engine {

struct SourceFile {
    std::string name; // shown in diagnostics: "graph/30_chips.kg", "<stdin>", "<query>"
    std::string text;
    int firstLine = 1; // the REPL counts lines over a session
};

struct LoadStats {
    int types = 0, relations = 0, entities = 0, aliases = 0, sources = 0;
    int factsAdded = 0, factsPresent = 0, factsRetracted = 0;
};

struct QueryResult {
    Table table;
    std::string plan; // the join order, for `explain`
};

struct Outcome {
    std::vector<QueryResult> results; // one per query statement, in order
    std::vector<Diagnostic> diagnostics;
    LoadStats stats;
    SourceTexts sources; // the texts the diagnostics point into
    bool ok() const { return !hasErrors(diagnostics); }
    // Every diagnostic rendered with its source line and carets.
    std::string renderDiagnostics() const;
};

class Engine {
public:
    // Opens the database at `path` (":memory:" for a private one), loading its catalog and facts.
    static Result<std::unique_ptr<Engine>> open(const std::string& path);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Runs statements: declarations and facts are stored, queries answered.
    Outcome run(std::string_view text, const std::string& name = "<input>", int firstLine = 1);
    // Runs several files as one unit: all load, or (on any error) none.
    Outcome runFiles(const std::vector<SourceFile>& files);
    // Loads the knowledge base embedded from graph/ (one unit).
    Outcome loadBundledGraph();

    const schema::Catalog& catalog() const { return catalog_; }
    size_t factCount() const;

private:
    Engine(std::unique_ptr<store::Store> store);
    Status reloadFacts();

    std::unique_ptr<store::Store> store_;
    schema::Catalog catalog_;
    std::unique_ptr<eval::FactBase> facts_;
};

} // namespace chipgraph::engine
