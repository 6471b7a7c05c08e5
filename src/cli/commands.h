#pragma once
// The chipgraph subcommands. Each returns the process exit code: 0 success, 1 an error in the
// input or the database (diagnostics on stderr), 2 a usage error.
#include "cli/limit_options.h"
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
    LimitOptions limits;
    bool allowFiles = false; // statements may name any file (docs/limits.md, "Files")
    bool force = false;      // `diagram ... to "file"` may replace a file
};

struct LoadCommand {
    std::string db;
    std::vector<std::string> files;
    LimitOptions limits;
    bool allowFiles = false;
    bool force = false;
};

struct ImportCommand {
    std::string db;
    std::string relation;
    std::string file;
    std::string createType;
    std::string skipBadReport; // "": all or nothing; else import good rows, bad ones here
    LimitOptions limits;
};

// Prints "error: MESSAGE[; HINT]" to stderr and returns the exit code 1.
int fail(const std::string& message, const std::string& hint = "");

int runQuery(const CommonOptions& options, const std::string& text);
int runScripts(const CommonOptions& options, const std::vector<std::string>& files);
int runInit(const std::string& path, const LimitOptions& limits);
int runLoad(const LoadCommand& command);
int runImport(const ImportCommand& command);

} // namespace chipgraph::cli
