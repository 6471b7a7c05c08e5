// `chipgraph serve` in process: a Server on an ephemeral loopback port, asked over HTTP with
// httplib's client. The JSON of /api/query must be exactly what `chipgraph query --format json`
// prints (engine::renderResults on an engine with the bundled graph, as the CLI does).
#include "engine/diagram_statement.h"
#include "engine/engine.h"
#include "engine/render.h"
#include "export/diagram.h"
#include "serve/server.h"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

using namespace chipgraph;

namespace {

struct Running {
    std::unique_ptr<serve::Server> server;
    std::thread thread;
    explicit Running(serve::ServeOptions options) {
        options.port = 0;
        auto opened = serve::Server::open(options);
        REQUIRE(opened.isOk());
        server = std::move(opened.value());
        thread = std::thread([this] { server->run(); });
    }
    ~Running() {
        server->stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", server->port());
        c.set_read_timeout(30, 0);
        return c;
    }
};

std::string cliJson(const std::string& text, const std::string& knownAt = "") {
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    REQUIRE(engine.value()->loadBundledGraph().ok());
    if (!knownAt.empty()) REQUIRE(engine.value()->setDefaultKnownAt(knownAt).isOk());
    engine::Outcome outcome = engine.value()->run(text, "<query>");
    REQUIRE(outcome.ok());
    return engine::renderResults(outcome.results, exporter::Format::Json, false);
}

// The JSON answer without the question's text, to compare a question asked with a default
// against the same question written out.
nlohmann::json withoutQuery(const std::string& json) {
    nlohmann::json answers = nlohmann::json::parse(json);
    for (auto& answer : answers)
        answer.erase("query");
    return answers;
}

httplib::Result postQuery(httplib::Client& c, const nlohmann::json& body) {
    return c.Post("/api/query", body.dump(), "application/json");
}

} // namespace

TEST_CASE("the query API returns what chipgraph query --format json prints") {
    Running r({});
    httplib::Client c = r.client();
    for (const char* text :
         {"who designs Trainium3?", "? designs(F, C), develops(Amazon, C).",
          "why supplier_of(Broadcom, Meta)?", "who designs Trainium3? what does Alchip design?"}) {
        auto res = postQuery(c, {{"text", text}});
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        CHECK(res->body == cliJson(text));
    }
    auto res = postQuery(c, {{"text", "who designs Trainium3?"}, {"known_at", "2025-07-01"}});
    REQUIRE(res);
    CHECK(res->body == cliJson("who designs Trainium3?", "2025-07-01"));
    CHECK(res->body.find("Alchip") == std::string::npos);
}

TEST_CASE("policy: the default prefer of questions that read keyed relations") {
    Running r({});
    httplib::Client c = r.client();
    auto res = postQuery(c, {{"text", "? shipments(Google, U) in 2026."}, {"policy", "latest"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(withoutQuery(res->body) ==
          withoutQuery(cliJson("? shipments(Google, U) in 2026 prefer latest.")));
    res = postQuery(
        c, {{"text", "? shipments(Google, U) in 2026."}, {"policy", "seed2025, udn_2026_02"}});
    REQUIRE(res);
    CHECK(withoutQuery(res->body) ==
          withoutQuery(cliJson("? shipments(Google, U) in 2026 prefer seed2025, udn_2026_02.")));
    // No key: the question answers as without a policy (the page's setting is no error).
    res = postQuery(c, {{"text", "who designs Trainium3?"}, {"policy", "latest"}});
    REQUIRE(res);
    CHECK(res->body == cliJson("who designs Trainium3?"));
    // The next request, without a policy, is not affected (engines are reused).
    res = postQuery(c, {{"text", "? shipments(Google, U) in 2026."}});
    REQUIRE(res);
    CHECK(res->body == cliJson("? shipments(Google, U) in 2026."));
    res = postQuery(c, {{"text", "who designs Trainium3?"}, {"policy", "newest"}});
    REQUIRE(res);
    CHECK(res->status == 400);
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["error"] == "unknown policy or source 'newest'");
    CHECK(body["hint"] == "choose all, latest, or declared sources separated by commas (a "
                          "ranking, best first)");
}

TEST_CASE("an error is a 400 with the diagnostic and its caret") {
    Running r({});
    httplib::Client c = r.client();
    auto res = postQuery(c, {{"text", "who designs Tranium3?"}});
    REQUIRE(res);
    CHECK(res->status == 400);
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["error"] == "unknown entity 'Tranium3'");
    CHECK(body["hint"] == "did you mean 'Trainium3'?");
    REQUIRE(body["diagnostics"].size() == 1);
    CHECK(body["diagnostics"][0]["line"] == 1);
    CHECK(body["diagnostics"][0]["column"] == 13);
    CHECK(body["rendered"] ==
          "<query>:1:13: error: unknown entity 'Tranium3'; did you mean "
          "'Trainium3'?\n    who designs Tranium3?\n                ^^^^^^^^\n");
    res = postQuery(c, {{"text", "who designs Trainium3?"}, {"known_at", "2025-13"}});
    REQUIRE(res);
    CHECK(res->status == 400);
    res = c.Post("/api/query", "text=who", "application/x-www-form-urlencoded");
    REQUIRE(res);
    CHECK(res->status == 415);
}

TEST_CASE("read-only: statements that store or name files are refused") {
    Running r({});
    httplib::Client c = r.client();
    auto res = postQuery(c, {{"text", "entity Foo: Lab."}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->body.find("would store something") != std::string::npos);
    res = postQuery(c, {{"text", "diagram designs, develops where owner = Amazon to \"x.svg\"."}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->body.find("name a file are refused") != std::string::npos);
    CHECK(!std::filesystem::exists("x.svg"));
    res = c.Post("/api/load", R"({"text": "entity Foo: Lab."})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 403);
}

TEST_CASE("writes: a load is seen by the next question, files stay refused") {
    serve::ServeOptions options;
    options.allowWrites = true;
    Running r(options);
    httplib::Client c = r.client();
    auto res = c.Post("/api/load",
                      R"({"text": "entity \"<script>alert('x')</script>\": Vendor. )"
                      R"(entity \"Q'chip\": Chip. )"
                      R"(develops(\"<script>alert('x')</script>\", \"Q'chip\")."})",
                      "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    for (int i = 0; i < 3; ++i) { // every worker engine sees it
        res = postQuery(c, {{"text", "who develops \"Q'chip\"?"}});
        REQUIRE(res);
        auto body = nlohmann::json::parse(res->body);
        CHECK(body[0]["rows"][0][0] == "<script>alert('x')</script>");
    }
    res = c.Get("/api/catalog");
    REQUIRE(res);
    CHECK(res->body.find(R"("name":"<script>alert('x')</script>")") != std::string::npos);
    res = c.Post("/api/load", R"({"text": "import designs from \"/etc/passwd\"."})",
                 "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    res =
        c.Post("/api/import", R"({"relation": "designs", "csv": "firm,chip\nAlchip,Trainium3\n"})",
               "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
}

TEST_CASE("diagrams drawn at once by several workers") {
    // Graphviz is not thread-safe: concurrent layouts once aborted the server.
    serve::ServeOptions options;
    options.workers = 3;
    Running r(options);
    std::vector<std::thread> clients;
    std::atomic<int> ok{0};
    for (int i = 0; i < 3; ++i)
        clients.emplace_back([&] {
            httplib::Client c = r.client();
            for (int j = 0; j < 3; ++j) {
                auto res =
                    c.Get(j % 2 ? "/api/diagram?entity=Amazon" : "/api/diagram?chain=Google");
                if (res && res->status == 200) ++ok;
            }
        });
    for (std::thread& t : clients)
        t.join();
    CHECK(ok == 9);
}

TEST_CASE("a diagram is one diagram statement: the CLI's drawing, the binder's errors") {
    Running r({});
    httplib::Client c = r.client();
    // The same drawing as `diagram where owner = "Amazon" as of 2026 with legend.` in the CLI.
    auto engine = engine::Engine::open(":memory:");
    REQUIRE(engine.isOk());
    REQUIRE(engine.value()->loadBundledGraph().ok());
    engine::Outcome outcome;
    auto drawn = engine::drawStatement(
        *engine.value(), {"diagram where owner = \"Amazon\" as of 2026 with legend.", {}}, outcome);
    REQUIRE(drawn);
    auto svg = exporter::renderDiagram(drawn->model, drawn->style, exporter::DiagramFormat::Svg);
    REQUIRE(svg.isOk());
    auto res = c.Get("/api/diagram?entity=Amazon&as_of=2026&legend=1");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == svg.value());
    // A query's own window wins over the page's as_of, as for /api/query.
    res = c.Get(
        "/api/diagram?query=" +
        httplib::detail::encode_query_param("? designs(F, C), develops(Amazon, C) as of 2025.") +
        "&as_of=2027");
    REQUIRE(res);
    CHECK(res->status == 200);
    // Errors come from the parser and binder, pointing into the statement.
    res = c.Get("/api/diagram?entity=Amazonn");
    REQUIRE(res);
    CHECK(res->status == 400);
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["error"] == "unknown entity 'Amazonn'");
    CHECK(body["hint"] == "did you mean 'Amazon'?");
    CHECK(body["diagnostics"][0]["file"] == "<diagram>");
    res = c.Get("/api/diagram?relations=designs&under=no_such");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(nlohmann::json::parse(res->body)["error"].get<std::string>().find("no_such") !=
          std::string::npos);
    res = c.Get("/api/diagram?relations=designs&diff=2025..2024");
    REQUIRE(res);
    CHECK(res->status == 400);
    res = c.Get("/api/diagram?relations=designs&policy=seed2025");
    REQUIRE(res);
    CHECK(res->status == 400);
}

TEST_CASE("limits: request size, catalog, diagram, pages") {
    serve::ServeOptions options;
    options.maxRequestBytes = 1000;
    Running r(options);
    httplib::Client c = r.client();
    auto res = postQuery(c, {{"text", std::string(2000, ' ') + "who designs Trainium3?"}});
    REQUIRE(res);
    CHECK(res->status == 413);
    res = c.Get("/api/catalog");
    REQUIRE(res);
    auto catalog = nlohmann::json::parse(res->body);
    CHECK(catalog["relations"].size() > 5);
    CHECK(catalog["sources"][0].contains("publisher"));
    res = c.Get("/api/diagram?entity=Amazon");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "image/svg+xml");
    CHECK(res->body.find("<title>Trainium3</title>") != std::string::npos);
    res = c.Get("/api/diagram?entity=Amazonn");
    REQUIRE(res);
    CHECK(res->status == 400);
    res = c.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("<title>chipgraph</title>") != std::string::npos);
    CHECK(res->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
    res = c.Get("/nothing");
    REQUIRE(res);
    CHECK(res->status == 404);
    httplib::Headers evil{{"Host", "evil.example:80"}};
    res = c.Get("/api/catalog", evil);
    REQUIRE(res);
    CHECK(res->status == 403);
}

TEST_CASE("a request past its timeout is a 503 and the worker serves the next one") {
    serve::ServeOptions options;
    options.workers = 1;
    options.timeout = std::chrono::milliseconds(1);
    Running r(options);
    httplib::Client c = r.client();
    // A three-way cross product of a derived relation: far more than a millisecond of work.
    auto res =
        postQuery(c, {{"text", "? supplier_of(A, B), supplier_of(C, D), supplier_of(E, F)."}});
    REQUIRE(res);
    CHECK(res->status == 503);
    auto reply = nlohmann::json::parse(res->body);
    CHECK(reply["error"].get<std::string>().find("took longer than 1 ms") != std::string::npos);
    CHECK(reply["hint"].get<std::string>().find("narrower") != std::string::npos);
    res = c.Get("/api/status"); // the one worker is free again
    REQUIRE(res);
    CHECK(res->status == 200);
}
