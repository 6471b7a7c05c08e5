#include "cli/commands.h"

#include "engine/engine.h"
#include "engine/render.h"
#include "export/format.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace chipgraph::cli {

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

} // namespace

int fail(const std::string& message, const std::string& hint) {
    std::cerr << "error: " << message << (hint.empty() ? "" : "; " + hint) << "\n";
    return kFailed;
}

namespace {

// Ctrl-C asks the running evaluation to stop (the statement fails, nothing is written).
std::atomic<engine::Engine*> interruptible{nullptr};

void onInterrupt(int) {
    if (engine::Engine* e = interruptible.load()) e->interrupt();
}

struct InterruptGuard {
    explicit InterruptGuard(engine::Engine& engine) {
        interruptible.store(&engine);
        struct sigaction action {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &previous_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &previous_, nullptr);
        interruptible.store(nullptr);
    }
    struct sigaction previous_ {};
};

} // namespace

Result<std::unique_ptr<engine::Engine>> openForReading(const std::string& db) {
    if (!db.empty()) {
        if (!std::filesystem::exists(db))
            return Status::error("no database '" + db + "'; create one with 'chipgraph init " + db +
                                 "'");
        return engine::Engine::open(db);
    }
    Result<std::unique_ptr<engine::Engine>> engine = engine::Engine::open(":memory:");
    if (!engine) return engine;
    engine::Outcome loaded = engine.value()->loadBundledGraph();
    if (!loaded.ok())
        return Status::error("the bundled knowledge base does not load:\n" +
                             loaded.renderDiagnostics());
    return engine;
}

namespace {

Result<std::string> readFile(const std::string& path) {
    if (path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error("cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Prints each query's answer (and plan); diagnostics to stderr. Returns the exit code.
int report(const engine::Outcome& outcome, const CommonOptions& options) {
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics();
        return kFailed;
    }
    exporter::Format format = exporter::parseFormat(options.format).value();
    std::cout << engine::renderResults(outcome.results, format, options.explain);
    return kOk;
}

void printStats(const std::string& what, const engine::LoadStats& s) {
    std::cout << what << ": " << s.entities << " entities, " << s.sources << " sources, "
              << s.factsAdded << " facts added";
    if (s.factsPresent) std::cout << " (" << s.factsPresent << " already present)";
    if (s.factsRetracted) std::cout << ", " << s.factsRetracted << " retracted";
    if (s.rules) std::cout << ", " << s.rules << (s.rules == 1 ? " rule" : " rules");
    std::cout << "\n";
}

} // namespace

static bool validFormat(const CommonOptions& options) {
    Result<exporter::Format> format = exporter::parseFormat(options.format);
    if (!format) std::cerr << "error: " << format.status().message() << "\n";
    return format.isOk();
}

int runQuery(const CommonOptions& options, const std::string& text) {
    if (!validFormat(options)) return kUsage;
    auto engine = openForReading(options.db);
    if (!engine) return fail(engine.status().message());
    engine.value()->setRuleLimits(options.maxDerived, std::chrono::milliseconds(options.timeoutMs));
    engine.value()->setEvaluationThreads(options.threads);
    InterruptGuard guard(*engine.value());
    engine::Outcome outcome = engine.value()->run(text, "<query>");
    if (outcome.ok() && outcome.results.empty())
        return fail("no question asked", "write a query such as: who designs Trainium3?");
    return report(outcome, options);
}

int runScripts(const CommonOptions& options, const std::vector<std::string>& files) {
    if (!validFormat(options)) return kUsage;
    auto engine = openForReading(options.db);
    if (!engine) return fail(engine.status().message());
    std::vector<engine::SourceFile> sources;
    for (const std::string& path : files) {
        Result<std::string> text = readFile(path);
        if (!text) return fail(text.status().message());
        sources.push_back({path == "-" ? "<stdin>" : path, text.value(), 1});
    }
    engine.value()->setRuleLimits(options.maxDerived, std::chrono::milliseconds(options.timeoutMs));
    engine.value()->setEvaluationThreads(options.threads);
    InterruptGuard guard(*engine.value());
    return report(engine.value()->runFiles(sources), options);
}

int runInit(const std::string& path) {
    if (std::filesystem::exists(path))
        return fail("'" + path + "' already exists",
                    "add files to it with 'chipgraph load --db " + path + " FILE.kg'");
    auto engine = engine::Engine::open(path);
    if (!engine) return fail(engine.status().message());
    engine::Outcome outcome = engine.value()->loadBundledGraph();
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics();
        engine.value().reset();
        std::filesystem::remove(path);
        return kFailed;
    }
    printStats("created " + path, outcome.stats);
    return kOk;
}

int runLoad(const std::string& db, const std::vector<std::string>& files) {
    auto engine = engine::Engine::open(db);
    if (!engine) return fail(engine.status().message());
    std::vector<engine::SourceFile> sources;
    for (const std::string& path : files) {
        Result<std::string> text = readFile(path);
        if (!text) return fail(text.status().message());
        sources.push_back({path == "-" ? "<stdin>" : path, text.value(), 1});
    }
    engine::Outcome outcome = engine.value()->runFiles(sources);
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics() << "nothing was loaded\n";
        return kFailed;
    }
    CommonOptions options;
    int code = report(outcome, options); // a loaded file may also ask questions
    printStats("loaded " + std::to_string(files.size()) + (files.size() == 1 ? " file" : " files"),
               outcome.stats);
    return code;
}

int runImport(const ImportCommand& command) {
    auto engine = engine::Engine::open(command.db);
    if (!engine) return fail(engine.status().message());
    engine::Engine::ImportRequest request;
    request.relation = command.relation;
    request.path = command.file;
    request.createType = command.createType;
    request.skipBad = !command.skipBadReport.empty();
    bool terminal = isatty(STDERR_FILENO);
    if (terminal)
        request.progress = [](size_t rows) {
            std::cerr << "\rimporting: " << rows << " rows" << std::flush;
        };
    engine::Engine::ImportOutcome result = engine.value()->importCsv(request);
    if (terminal && result.rows >= 100000) std::cerr << "\r" << std::string(40, ' ') << "\r";
    if (!result.outcome.ok()) {
        std::cerr << result.outcome.renderDiagnostics() << "nothing was imported\n";
        return kFailed;
    }
    if (request.skipBad && !result.badRows.empty()) {
        std::ofstream report(command.skipBadReport, std::ios::binary);
        if (!report) return fail("cannot write the report '" + command.skipBadReport + "'");
        report << "line,error,row\r\n";
        for (size_t i = 0; i < result.badRows.size(); ++i) {
            std::string message = result.rowErrors[i].message;
            for (char& c : message)
                if (c == '"') c = '\'';
            report << result.rowErrors[i].span.line << ",\"" << message << "\",\"" << [&] {
                std::string escaped;
                for (char c : result.badRows[i])
                    escaped += c == '"' ? "\"\"" : std::string(1, c);
                return escaped;
            }() << "\"\r\n";
        }
        std::cerr << result.badRows.size() << " bad rows skipped; see " << command.skipBadReport
                  << "\n";
    }
    const engine::LoadStats& s = result.outcome.stats;
    std::cout << "imported " << command.file << " into " << command.relation << ": " << result.rows
              << " rows, " << s.factsAdded << " facts added";
    if (s.factsPresent) std::cout << " (" << s.factsPresent << " already present)";
    if (s.entities) std::cout << ", " << s.entities << " entities created";
    if (!result.badRows.empty())
        std::cout << ", " << result.badRows.size()
                  << (result.badRows.size() == 1 ? " row" : " rows") << " skipped";
    std::cout << "\n";
    return kOk;
}

} // namespace chipgraph::cli
