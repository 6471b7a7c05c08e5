#include "cli/commands.h"

#include "common/input_file.h"
#include "engine/engine.h"
#include "engine/open_database.h"
#include "engine/render.h"
#include "export/format.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
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

namespace {

Result<std::string> readFile(const std::string& path) {
    if (path == "-") return readInputStream(std::cin, "<stdin>", kMaxScriptBytes);
    return readInputFile(path, kMaxScriptBytes, "script");
}

// Prints every query's answer (and plan): one document for json; diagnostics to stderr.
// Returns the exit code.
int report(const engine::Outcome& outcome, const CommonOptions& options) {
    if (!outcome.diagnostics.empty()) std::cerr << outcome.renderDiagnostics(); // warnings too
    if (!outcome.ok()) return kFailed;
    exporter::Format format = exporter::parseFormat(options.format).value();
    exporter::RenderOptions render;
    render.fullProvenance = options.provenance == "full";
    std::cout << engine::renderResults(outcome.results, format, options.explain, render);
    // CSV and TSV stay pure data: their footnotes go to stderr, where a reader still sees them.
    if (format == exporter::Format::Csv || format == exporter::Format::Tsv)
        for (const engine::StatementResult& result : outcome.results)
            if (const engine::TableAnswer* answer = result.asTable())
                std::cerr << exporter::renderNotes(answer->table);
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

// The files a command reads as engine sources; statements in them may name files by `access`.
static Result<std::vector<engine::SourceFile>> readSources(const std::vector<std::string>& files,
                                                           engine::FileAccess access) {
    std::vector<engine::SourceFile> sources;
    for (const std::string& path : files) {
        Result<std::string> text = readFile(path);
        if (!text) return text.status();
        sources.push_back({path == "-" ? "<stdin>" : path, std::move(text.value()), 1, access});
    }
    return sources;
}

// A database file the command creates: removed again (with SQLite's side files) unless the
// command succeeded, so that a failed `init` or `load --db NEW.db` leaves nothing behind.
class NewDatabaseFile {
public:
    explicit NewDatabaseFile(const std::string& path) : path_(path) {
        std::error_code error;
        created_ = !std::filesystem::exists(path, error) && !error;
    }
    ~NewDatabaseFile() {
        if (!created_ || kept_) return;
        std::error_code error;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path_ + suffix, error);
    }
    void keep() { kept_ = true; }

private:
    std::string path_;
    bool created_ = false, kept_ = false;
};

int runQuery(const CommonOptions& options, const std::string& text) {
    if (!validFormat(options)) return kUsage;
    auto engine = engine::openDatabaseOrBundled(options.db, true);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(options.limits, options.force));
    InterruptGuard guard(*engine.value());
    engine::FileAccess access =
        options.allowFiles ? engine::FileAccess::Any : engine::FileAccess::None;
    engine::Outcome outcome = engine.value()->runFiles({{"<query>", text, 1, access}});
    if (outcome.ok() && outcome.results.empty())
        return fail("no question asked", "write a query such as: who designs Trainium3?");
    return report(outcome, options);
}

int runScripts(const CommonOptions& options, const std::vector<std::string>& files) {
    if (!validFormat(options)) return kUsage;
    auto engine = engine::openDatabaseOrBundled(options.db, false);
    if (!engine) return fail(engine.status().message());
    auto sources = readSources(files, options.allowFiles ? engine::FileAccess::FromFolder
                                                         : engine::FileAccess::InFolder);
    if (!sources) return fail(sources.status().message());
    engine.value()->setOptions(engineOptions(options.limits, options.force));
    InterruptGuard guard(*engine.value());
    return report(engine.value()->runFiles(sources.value()), options);
}

int runInit(const std::string& path, const LimitOptions& limits) {
    if (std::filesystem::exists(path))
        return fail("'" + path + "' already exists",
                    "add files to it with 'chipgraph load --db " + path + " FILE.kg'");
    NewDatabaseFile file(path);
    auto engine = engine::Engine::open(path);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(limits));
    engine::Outcome outcome = engine.value()->loadBundledGraph();
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics();
        return kFailed;
    }
    file.keep();
    printStats("created " + path, outcome.stats);
    return kOk;
}

int runLoad(const LoadCommand& command) {
    // The files first: a missing one must not leave a new, empty database behind.
    auto sources = readSources(command.files, command.allowFiles ? engine::FileAccess::FromFolder
                                                                 : engine::FileAccess::InFolder);
    if (!sources) return fail(sources.status().message());
    NewDatabaseFile file(command.db);
    std::error_code error;
    if (std::filesystem::is_directory(command.db, error))
        return fail("'" + command.db + "' is a directory, not a database");
    auto engine = engine::Engine::open(command.db);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(command.limits, command.force));
    InterruptGuard guard(*engine.value());
    engine::Outcome outcome = engine.value()->runFiles(sources.value());
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics() << "nothing was loaded\n";
        return kFailed;
    }
    file.keep();
    CommonOptions options;
    int code = report(outcome, options); // a loaded file may also ask questions
    size_t count = command.files.size();
    printStats("loaded " + std::to_string(count) + (count == 1 ? " file" : " files"),
               outcome.stats);
    return code;
}

int runImport(const ImportCommand& command) {
    NewDatabaseFile file(command.db);
    std::error_code error;
    if (std::filesystem::is_directory(command.db, error))
        return fail("'" + command.db + "' is a directory, not a database");
    auto engine = engine::Engine::open(command.db);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(command.limits));
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
    file.keep();
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
