#pragma once
// `chipgraph watch add|check|list|remove`: questions saved in a database, and what changed in
// their answers since the last check (docs/time.md, "Watch lists").
#include <string>

namespace CLI {
class App;
}

namespace chipgraph::cli {

struct WatchCommand {
    std::string action; // add, check, list, remove: the subcommand parsed
    std::string db, name, query;
    std::string format = "table";
};

// Adds the `watch` subcommand and its four (options bound to `command`); returns `watch`.
CLI::App* addWatchCommand(CLI::App& app, WatchCommand& command);

// Returns the exit code: 0, or for `check` 1 when an answer changed (for cron); 1 an error, 2
// a usage error.
int runWatch(WatchCommand& command);

} // namespace chipgraph::cli
