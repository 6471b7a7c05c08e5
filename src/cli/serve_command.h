#pragma once
// `chipgraph serve`: the web workbench (src/serve, docs/serve.md).
#include "serve/server.h"

namespace CLI {
class App;
}

namespace chipgraph::cli {

struct ServeCommand {
    serve::ServeOptions options;
    int timeoutMs = 10000;
    size_t maxRequestKb = 1024;
};

// Adds the `serve` subcommand (options bound to `command`) and returns it.
CLI::App* addServeCommand(CLI::App& app, ServeCommand& command);

// Serves until Ctrl-C or SIGTERM; returns the exit code.
int runServe(ServeCommand& command);

} // namespace chipgraph::cli
