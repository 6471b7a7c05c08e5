#include "cli/commands.h"

#include "common/input_file.h"
#include "engine/engine.h"
#include "engine/open_database.h"
#include "engine/render.h"
#include "export/format.h"
#include "export/xlsx.h"

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
// --expect-fingerprint: the answer's basis is not the one expected (docs/time.md).
constexpr int kBasisChanged = 3;

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

// `--format xlsx -o FILE`: every answer a sheet, and the sources they cite (export/xlsx.h).
int writeWorkbook(const engine::Outcome& outcome, const CommonOptions& options,
                  const schema::Catalog& catalog) {
    std::vector<exporter::XlsxAnswer> answers;
    for (const engine::StatementResult& result : outcome.results)
        if (const engine::TableAnswer* answer = result.asTable())
            answers.push_back({result.statement, &answer->table});
    if (answers.empty())
        return fail("nothing to write to '" + options.output + "'",
                    "a workbook holds the answers to questions (?, who, what, ...)");
    auto lookup = [&](const std::string& name) -> std::optional<exporter::XlsxSource> {
        const schema::SourceInfo* source = catalog.findSource(name);
        if (!source) return std::nullopt;
        return exporter::XlsxSource{source->name, source->title, source->author,
                                    source->published ? source->published->toString() : "",
                                    source->url};
    };
    if (Status s = exporter::writeXlsx(options.output, answers, lookup); !s)
        return fail(s.message());
    std::cerr << "wrote " << options.output << " (" << answers.size()
              << (answers.size() == 1 ? " answer" : " answers") << ")\n";
    return kOk;
}

// Prints every query's answer (and plan): one document for json; diagnostics to stderr.
// Returns the exit code.
int report(const engine::Outcome& outcome, const CommonOptions& options,
           const schema::Catalog* catalog = nullptr) {
    if (!outcome.diagnostics.empty()) std::cerr << outcome.renderDiagnostics(); // warnings too
    if (!outcome.ok()) return kFailed;
    if (options.format == "xlsx" && catalog) return writeWorkbook(outcome, options, *catalog);
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

// The answers were printed; each question's basis must have the fingerprint expected.
int checkFingerprints(const engine::Outcome& outcome, const std::string& expected) {
    bool asked = false;
    for (const engine::StatementResult& result : outcome.results) {
        const engine::TableAnswer* answer = result.asTable();
        if (!answer || !answer->basis) continue;
        asked = true;
        if (answer->basis->fingerprint == expected) continue;
        std::cerr << "error: the basis of '" << result.statement << "' changed: its fingerprint is "
                  << answer->basis->fingerprint << ", not " << expected
                  << "; the facts or rules it reads are not those of the answer expected\n";
        return kBasisChanged;
    }
    if (!asked)
        return fail("--expect-fingerprint needs a question", "'why', 'blame' and diagrams "
                                                             "have no fingerprint");
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
    // A workbook is a file, never printed: xlsx needs -o, and -o is for xlsx.
    if (options.format == "xlsx" && options.output.empty()) {
        std::cerr << "error: --format xlsx writes a workbook; name it with -o FILE.xlsx\n";
        return false;
    }
    if (!options.output.empty() && options.format != "xlsx") {
        std::cerr << "error: -o names the workbook of --format xlsx; other formats print to "
                     "standard output\n";
        return false;
    }
    if (options.format == "xlsx") return true;
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

void applyAuthor(engine::Engine& engine, const std::string& author) {
    if (!author.empty()) engine.setLogAuthor(author);
}

// Answers' fingerprints cost time: computed only for a format that prints them (JSON's basis)
// or for --expect-fingerprint.
static engine::EngineOptions fingerprintOptions(const CommonOptions& options) {
    engine::EngineOptions settings = engineOptions(options.limits, options.force);
    Result<exporter::Format> format = exporter::parseFormat(options.format); // xlsx: none
    settings.fingerprints = !options.expectFingerprint.empty() ||
                            (format && (format.value() == exporter::Format::Json ||
                                        format.value() == exporter::Format::JsonLines));
    return settings;
}

int runQuery(const CommonOptions& options, const std::string& text) {
    if (!validFormat(options)) return kUsage;
    auto engine = engine::openDatabaseOrBundled(options.db, true);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(fingerprintOptions(options));
    InterruptGuard guard(*engine.value());
    engine::FileAccess access =
        options.allowFiles ? engine::FileAccess::Any : engine::FileAccess::None;
    engine::Outcome outcome = engine.value()->runFiles({{"<query>", text, 1, access}});
    if (outcome.ok() && outcome.results.empty())
        return fail("no question asked", "write a query such as: who designs Trainium3?");
    int code = report(outcome, options, &engine.value()->catalog());
    if (code == kOk && !options.expectFingerprint.empty())
        return checkFingerprints(outcome, options.expectFingerprint);
    return code;
}

int runScripts(const CommonOptions& options, const std::vector<std::string>& files) {
    if (!validFormat(options)) return kUsage;
    auto engine = engine::openDatabaseOrBundled(options.db, false);
    if (!engine) return fail(engine.status().message());
    auto sources = readSources(files, options.allowFiles ? engine::FileAccess::FromFolder
                                                         : engine::FileAccess::InFolder);
    if (!sources) return fail(sources.status().message());
    engine.value()->setOptions(fingerprintOptions(options));
    applyAuthor(*engine.value(), options.author);
    InterruptGuard guard(*engine.value());
    engine::Outcome outcome = engine.value()->runFiles(sources.value());
    return report(outcome, options, &engine.value()->catalog());
}

int runInit(const std::string& path, const LimitOptions& limits, const std::string& author) {
    if (std::filesystem::exists(path))
        return fail("'" + path + "' already exists",
                    "add files to it with 'chipgraph load --db " + path + " FILE.kg'");
    NewDatabaseFile file(path);
    auto engine = engine::Engine::open(path);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(limits));
    applyAuthor(*engine.value(), author);
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
    applyAuthor(*engine.value(), command.author);
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
    applyAuthor(*engine.value(), command.author);
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

// Written to a temporary file beside the output and renamed over it once complete, so that a
// failed dump never leaves a truncated file (nor replaces a good one).
static Status dumpToFile(engine::Engine& engine, const std::string& path) {
    std::string temporary = path + ".part";
    Status status = [&] {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) return Status::error("cannot write '" + path + "'");
        Status dumped = engine.dump(file);
        file.close();
        if (dumped && !file) return Status::error("cannot write '" + path + "'");
        return dumped;
    }();
    std::error_code error;
    if (status) std::filesystem::rename(temporary, path, error);
    if (status && error) status = Status::error("cannot write '" + path + "': " + error.message());
    if (!status) std::filesystem::remove(temporary, error);
    return status;
}

int runDump(const DumpCommand& command) {
    std::error_code error;
    if (!command.output.empty() && !command.force && std::filesystem::exists(command.output, error))
        return fail("'" + command.output + "' already exists",
                    "pass --force to overwrite it, or name a new file");
    if (!command.output.empty() && !command.db.empty() &&
        std::filesystem::equivalent(command.output, command.db, error))
        return fail("'" + command.output + "' is the database being dumped",
                    "name another file for the text");
    auto engine = engine::openDatabaseOrBundled(command.db, true);
    if (!engine) return fail(engine.status().message());
    Status dumped = command.output.empty() ? engine.value()->dump(std::cout)
                                           : dumpToFile(*engine.value(), command.output);
    if (!dumped) return fail(dumped.message());
    return kOk;
}

} // namespace chipgraph::cli
