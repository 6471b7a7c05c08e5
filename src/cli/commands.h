#pragma once
// The chipgraph subcommands. Each returns the process exit code: 0 success, 1 an error in the
// input or the database (diagnostics on stderr), 2 a usage error.
#include "common/status.h"

#include <memory>
#include <string>
#include <vector>

namespace chipgraph::engine {
class Engine;
}

namespace chipgraph::cli {

struct CommonOptions {
    std::string db;                     // empty: the bundled graph in memory
    std::string format = "table";       // table | csv | json | markdown
    bool explain = false;               // print each query's join plan before its answer
    std::string provenance = "compact"; // compact | full: also one source column per atom
    size_t maxDerived = 20'000'000;     // rule evaluation stops beyond this many derived facts
    int timeoutMs = 0;                  // and after this long (0: no limit)
    int threads = 0;                    // for closures evaluated in parts (0: one per core)
};

struct ImportCommand {
    std::string db;
    std::string relation;
    std::string file;
    std::string createType;
    std::string skipBadReport; // "": all or nothing; else import good rows, bad ones here
};

// Opens the engine for reading: the bundled graph in memory, or an existing database (an error
// when `db` does not exist, rather than creating it).
Result<std::unique_ptr<engine::Engine>> openForReading(const std::string& db);
// Prints "error: MESSAGE[; HINT]" to stderr and returns the exit code 1.
int fail(const std::string& message, const std::string& hint = "");

int runQuery(const CommonOptions& options, const std::string& text);
int runScripts(const CommonOptions& options, const std::vector<std::string>& files);
int runInit(const std::string& path);
int runLoad(const std::string& db, const std::vector<std::string>& files);
int runImport(const ImportCommand& command);

} // namespace chipgraph::cli
