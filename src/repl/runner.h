#pragma once
// The REPL's entry points for main(): an interactive session on a terminal, a script read from
// a pipe, or one `-c` command. Each returns the process exit code: 0 success, 1 an error in the
// input (a script: any statement failed), 2 a usage error; `.exit CODE` ends with CODE.
#include <functional>
#include <istream>
#include <string>

namespace chipgraph::engine {
class Engine;
}

namespace chipgraph::repl {

struct ReplOptions {
    std::string database;         // "" for the bundled knowledge base, in memory
    std::string format = "table"; // the starting `.mode`
    bool bail = false;            // a script stops at its first error
    std::string historyFile;      // "" keeps no history (terminal sessions only)
    bool noColour = false;        // --no-color: never colour (NO_COLOR in the environment too)
    // Applied to each engine the session opens (evaluation limits).
    std::function<void(engine::Engine&)> configure;
};

int runInteractive(const ReplOptions& options);
int runScript(const ReplOptions& options, std::istream& in);
int runCommand(const ReplOptions& options, const std::string& text);

// Where history goes unless --history/--no-history say otherwise: $CHIPGRAPH_HISTORY (empty
// disables it), else ~/.chipgraph_history; "" when there is no home folder either.
std::string defaultHistoryFile();

} // namespace chipgraph::repl
