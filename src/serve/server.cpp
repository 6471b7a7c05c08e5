#include "serve/server.h"

#include "serve/api.h"
#include "serve/assets.h"
#include "serve/engine_pool.h"

#include <httplib.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace chipgraph::serve {

struct Server::Impl {
    ServeOptions options;
    std::unique_ptr<EnginePool> pool;
    httplib::Server http;
    int port = 0;
    std::mutex catalogMutex;
    std::string catalogBody; // GET /api/catalog, kept while the data's generation is unchanged
    unsigned long catalogGeneration = ~0UL;

    void routes();
    void send(httplib::Response& res, const Reply& reply) const;
    bool hostAllowed(const httplib::Request& req) const;
    Reply withReader(const std::function<Reply(engine::Engine&)>& handle);
    Reply withWriter(const std::function<Reply(engine::Engine&)>& handle);
};

namespace {

bool isLoopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

Reply timedOut(std::chrono::milliseconds timeout) {
    return errorReply(503,
                      "the request took longer than " + std::to_string(timeout.count()) + " ms",
                      "ask a narrower question (an 'as of' window, fewer joins)");
}

// POST bodies are JSON: a page on another site cannot send that without the browser asking
// first (CORS preflight), which this server never allows.
bool jsonBody(const httplib::Request& req, Params& params, Reply& refusal) {
    std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
        refusal = errorReply(415, "send the parameters as a JSON object",
                             "Content-Type: application/json");
        return false;
    }
    std::string error;
    if (!parseJsonParams(req.body, params, error)) {
        refusal = errorReply(400, error);
        return false;
    }
    return true;
}

} // namespace

void Server::Impl::send(httplib::Response& res, const Reply& reply) const {
    res.status = reply.status;
    res.set_content(reply.body, reply.contentType.c_str());
    res.set_header("Cache-Control", "no-store");
}

// With a loopback address, the Host header must name it too: a page from elsewhere whose name
// resolves to 127.0.0.1 (DNS rebinding) is refused.
bool Server::Impl::hostAllowed(const httplib::Request& req) const {
    if (!isLoopback(options.bind)) return true;
    std::string host = req.get_header_value("Host");
    std::string port = ":" + std::to_string(this->port);
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"})
        if (host == name || host == std::string(name) + port) return true;
    return false;
}

Reply Server::Impl::withReader(const std::function<Reply(engine::Engine&)>& handle) {
    Result<EnginePool::Lease> lease = pool->read();
    if (!lease) return errorReply(500, lease.status().message());
    Reply reply = handle(lease.value().engine());
    return lease.value().timedOut() ? timedOut(pool->timeout()) : reply;
}

Reply Server::Impl::withWriter(const std::function<Reply(engine::Engine&)>& handle) {
    if (!options.allowWrites)
        return errorReply(403, "this server is read-only",
                          "start it with 'chipgraph serve --allow-writes' to load facts");
    return pool->write<Reply>([&](engine::Engine& e, bool& changed) {
        Reply reply = handle(e);
        changed = reply.status == 200;
        return reply;
    });
}

void Server::Impl::routes() {
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
        if (hostAllowed(req)) return httplib::Server::HandlerResponse::Unhandled;
        send(res, errorReply(403, "unexpected Host header"));
        return httplib::Server::HandlerResponse::Handled;
    });
    for (const Asset& asset : embeddedAssets()) {
        auto serveAsset = [&asset](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(asset.bytes), std::string(asset.contentType).c_str());
            res.set_header("Content-Security-Policy",
                           "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; frame-ancestors 'none'");
        };
        http.Get(std::string(asset.path), serveAsset);
        if (asset.path == "/index.html") http.Get("/", serveAsset);
    }
    http.Get("/api/catalog", [this](const httplib::Request&, httplib::Response& res) {
        std::lock_guard<std::mutex> lock(catalogMutex);
        if (catalogGeneration != pool->generation() || catalogBody.empty()) {
            unsigned long generation = pool->generation();
            Reply reply = withReader([](engine::Engine& e) { return catalog(e); });
            if (reply.status != 200) return send(res, reply);
            catalogBody = reply.body;
            catalogGeneration = generation;
        }
        send(res, Reply{200, "application/json", catalogBody});
    });
    http.Post("/api/query", [this](const httplib::Request& req, httplib::Response& res) {
        Params params;
        Reply reply;
        if (jsonBody(req, params, reply))
            reply = withReader([&](engine::Engine& e) { return runQuery(e, params); });
        send(res, reply);
    });
    http.Get("/api/diagram", [this](const httplib::Request& req, httplib::Response& res) {
        Params params;
        for (const auto& [key, value] : req.params)
            params[key] = value;
        send(res, withReader([&](engine::Engine& e) { return diagram(e, params); }));
    });
    http.Post("/api/load", [this](const httplib::Request& req, httplib::Response& res) {
        Params params;
        Reply reply;
        if (jsonBody(req, params, reply))
            reply = withWriter([&](engine::Engine& e) { return load(e, params); });
        send(res, reply);
    });
    http.Post("/api/import", [this](const httplib::Request& req, httplib::Response& res) {
        Params params;
        Reply reply;
        if (jsonBody(req, params, reply))
            reply = withWriter([&](engine::Engine& e) { return importCsv(e, params); });
        send(res, reply);
    });
    http.Get("/api/status", [this](const httplib::Request&, httplib::Response& res) {
        std::string body = std::string("{\"writes\":") + (options.allowWrites ? "true" : "false") +
                           ",\"generation\":" + std::to_string(pool->generation()) +
                           ",\"max_request_bytes\":" + std::to_string(options.maxRequestBytes) +
                           ",\"timeout_ms\":" + std::to_string(options.timeout.count()) + "}";
        send(res, Reply{200, "application/json", body});
    });
    http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413)
            send(res, errorReply(413, "the request is larger than " +
                                          std::to_string(options.maxRequestBytes) + " bytes"));
        else if (res.status == 404)
            send(res, errorReply(404, "no such page"));
        else
            send(res, errorReply(res.status, "the request failed"));
    });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
    stop();
}

Result<std::unique_ptr<Server>> Server::open(const ServeOptions& options) {
    if (options.workers < 1 || options.workers > 64)
        return Status::error("--workers must be between 1 and 64");
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    PoolOptions pool;
    pool.db = options.db;
    pool.readers = options.workers;
    pool.writer = options.allowWrites;
    pool.timeout = options.timeout;
    pool.maxDerivedFacts = options.maxDerivedFacts;
    Result<std::unique_ptr<EnginePool>> opened = EnginePool::open(pool);
    if (!opened) return opened.status();
    impl->pool = std::move(opened.value());
    // One more thread than engines: the page's files and the catalog never wait on a question
    // for long; questions beyond the engines wait for one (EnginePool::read()).
    int threads = options.workers + 1;
    impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    impl->http.set_payload_max_length(options.maxRequestBytes);
    impl->http.set_read_timeout(5, 0);
    impl->http.set_write_timeout(5, 0);
    impl->http.set_keep_alive_timeout(2);
    impl->http.set_keep_alive_max_count(50);
    impl->routes();
    int port = options.port == 0
                   ? impl->http.bind_to_any_port(options.bind)
                   : (impl->http.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (port < 0)
        return Status::error("cannot listen on " + options.bind + ":" +
                             std::to_string(options.port) +
                             "; is another server using it? (--port 0 picks a free one)");
    impl->port = port;
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const {
    return impl_->port;
}

std::string Server::address() const {
    std::string host = impl_->options.bind;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

bool Server::run() {
    return impl_->http.listen_after_bind();
}

void Server::stop() {
    if (impl_->pool) impl_->pool->interruptAll();
    impl_->http.stop();
}

int serveUntilSignalled(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    // Every thread the server starts inherits this mask: only the watcher below takes signals.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Result<std::unique_ptr<Server>> server = Server::open(options);
    if (!server) {
        err << "error: " << server.status().message() << "\n";
        return 1;
    }
    out << "chipgraph serve: " << server.value()->address()
        << (options.allowWrites ? " (writes allowed)" : " (read-only)") << "; Ctrl-C stops it"
        << std::endl;
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        timespec tick{0, 200'000'000};
        while (!done.load())
            if (sigtimedwait(&signals, nullptr, &tick) > 0) {
                server.value()->stop();
                return;
            }
    });
    bool ok = server.value()->run();
    done.store(true);
    watcher.join();
    server.value().reset();
    out << "chipgraph serve: stopped" << std::endl;
    return ok ? 0 : 1;
}

} // namespace chipgraph::serve
