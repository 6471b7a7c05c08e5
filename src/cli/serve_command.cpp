#include "cli/serve_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace chipgraph::cli {

CLI::App* addServeCommand(CLI::App& app, ServeCommand& c) {
    CLI::App* cmd = app.add_subcommand("serve", "a web workbench on this machine (docs/serve.md)");
    serve::ServeOptions& o = c.options;
    cmd->add_option("--db", o.db, "SQLite database to use (default: the bundled knowledge base)");
    cmd->add_option("--port", o.port, "TCP port (0: any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--bind", o.bind, "address to listen on (loopback unless told otherwise)")
        ->capture_default_str();
    cmd->add_flag("--allow-writes", o.allowWrites,
                  "let the page load .kg statements and import CSV into the database");
    cmd->add_option("--workers", o.workers, "requests answered at once, each with its own engine")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    cmd->add_option("--timeout", c.timeoutMs, "milliseconds a request may take")
        ->capture_default_str()
        ->check(CLI::Range(1, 3'600'000));
    cmd->add_option("--max-request-kb", c.maxRequestKb, "largest request body accepted, in KiB")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024 * 1024));
    cmd->footer("Open the address it prints in a browser; Ctrl-C stops it. Examples:\n"
                "  chipgraph serve\n"
                "  chipgraph serve --db chips.db --port 9000 --allow-writes");
    return cmd;
}

int runServe(ServeCommand& c) {
    c.options.timeout = std::chrono::milliseconds(c.timeoutMs);
    c.options.maxRequestBytes = c.maxRequestKb * 1024;
    return serve::serveUntilSignalled(c.options, std::cout, std::cerr);
}

} // namespace chipgraph::cli
