#pragma once
// `chipgraph serve`: a web workbench over the engine. An HTTP server (cpp-httplib; this folder
// is the only code that includes it) serves the page embedded in the binary (web/) and the JSON
// API of api.h, on a bounded pool of worker threads, each request on an engine of its own
// (engine_pool.h). docs/serve.md is the user's documentation.
#include "common/status.h"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>

namespace chipgraph::serve {

struct ServeOptions {
    std::string db;                 // "": the bundled graph
    std::string bind = "127.0.0.1"; // loopback unless told otherwise
    int port = 8080;                // 0: any free port
    bool allowWrites = false;       // POST /api/load and /api/import
    int workers = 4;                // threads, each with its own engine
    size_t maxRequestBytes = 1 << 20;
    std::chrono::milliseconds timeout{10000}; // per request
    size_t maxDerivedFacts = 20'000'000;
};

class Server {
public:
    // Opens the engines and binds the port; an error when the database does not open or the
    // address is taken.
    static Result<std::unique_ptr<Server>> open(const ServeOptions& options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const;
    // "http://127.0.0.1:8080/"
    std::string address() const;
    // Serves until stop() (from another thread or a signal watcher). Returns false when the
    // server failed.
    bool run();
    // Stops accepting, interrupts running questions and makes run() return. Thread-safe.
    void stop();

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// `chipgraph serve`: opens the server, prints its address to `out`, serves until SIGINT or
// SIGTERM, then stops cleanly. Returns the process exit code (0, or 1 with the error on `err`).
int serveUntilSignalled(const ServeOptions& options, std::ostream& out, std::ostream& err);

} // namespace chipgraph::serve
