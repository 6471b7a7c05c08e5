#include "repl/session.h"

#include "common/text.h"
#include "engine/open_database.h"
#include "engine/render.h"
#include "repl/dot_commands.h"
#include "repl/signals.h"
#include "repl/terminal.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace chipgraph::repl {

namespace {

constexpr size_t kMaxNesting = 16; // `.read` inside `.read`: a file reading itself must stop

bool isBlank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The statement's text placed at its line in the input, so the renderer finds the line a
// diagnostic points at (lines are numbered over the whole input).
std::string atLine(const std::string& text, int firstLine) {
    return std::string(static_cast<size_t>(std::max(0, firstLine - 1)), '\n') + text;
}

// Where a dot-command error points: at its argument, at the command, or just past the line.
SourceSpan spanOf(const DotError& error, const DotCall& call, const std::string& file, int line) {
    SourceSpan span;
    span.file = std::make_shared<const std::string>(file);
    span.line = span.endLine = line;
    if (error.arg >= 0 && static_cast<size_t>(error.arg) < call.args.size()) {
        span.column = call.args[static_cast<size_t>(error.arg)].column;
        span.endColumn = call.args[static_cast<size_t>(error.arg)].endColumn;
    } else if (error.arg == DotError::kCommand) {
        span.column = call.nameColumn;
        span.endColumn = call.nameEndColumn;
    } else {
        span.column = call.endColumn;
        span.endColumn = call.endColumn + 1;
    }
    return span;
}

size_t lineCount(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

const char* severityWord(Severity severity) {
    return severity == Severity::Error     ? "error"
           : severity == Severity::Warning ? "warning"
                                           : "note";
}

bool storedSomething(const engine::LoadStats& stats) {
    return stats.factsAdded + stats.factsRetracted + stats.rules + stats.entities + stats.aliases >
           0;
}

} // namespace

Session::Session(std::unique_ptr<engine::Engine> engine, std::string database, std::ostream& out,
                 std::ostream& err, SessionOptions options)
    : engine_(std::move(engine)), database_(std::move(database)), err_(err), output_(out),
      options_(std::move(options)) {
    inputs_.emplace_back(options_.inputName);
}

void Session::feedLine(std::string_view line) {
    Input& input = inputs_.back();
    ++input.line;
    if (stopped_ || input.stopped) return;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (input.pending.empty()) {
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos) return;
        if (line[first] == '.') return runDotLine(line);
        input.pendingFirstLine = input.line;
    }
    input.pending.append(line).append("\n");
    if (engine::Engine::isIncomplete(input.pending)) return;
    std::string text = std::move(input.pending);
    input.pending.clear();
    if (!isBlank(text)) runStatement(text, input.pendingFirstLine);
}

void Session::feedText(std::string_view text) {
    while (!stopped_ && !inputs_.back().stopped) {
        size_t end = text.find('\n');
        feedLine(text.substr(0, end));
        if (end == std::string_view::npos) return;
        text.remove_prefix(end + 1);
        if (text.empty()) return; // a final newline ends the last line; it starts no other
    }
}

void Session::endInput() {
    Input& input = inputs_.back();
    if (stopped_ || input.stopped || isBlank(input.pending)) return;
    Diagnostic d = makeError(Phase::Syntax, "incomplete statement at end of input", {},
                             "end it with '.' (a question with '?')");
    input.pending.clear();
    reportPositionless(d, input.pendingFirstLine);
    failed();
}

bool Session::runNested(std::string_view text, const std::string& name) {
    if (inputs_.size() > kMaxNesting) return false;
    inputs_.emplace_back(name);
    feedText(text);
    endInput();
    inputs_.pop_back();
    if (inputs_.size() == 1) showWatchedChanges();
    return true;
}

void Session::cancelPending() {
    inputs_.back().pending.clear();
}

void Session::print(const std::string& text) {
    emit(text);
    output_.resultDone();
}

void Session::printTable(const Table& table) {
    print(exporter::render(table, settings_.mode, renderOptions()));
}

exporter::RenderOptions Session::renderOptions() const {
    exporter::RenderOptions options;
    options.headers = settings_.headers;
    options.fullProvenance = settings_.showProvenance;
    if (!options_.screen || output_.redirected()) return options;
    options.colour = options_.colour;
    options.maxRows = settings_.maxRows;
    options.maxWidth = settings_.maxWidth > 0 ? settings_.maxWidth : terminalColumns(STDOUT_FILENO);
    return options;
}

void Session::emit(const std::string& text) {
    int rows = terminalRows(STDOUT_FILENO); // 0: a terminal of unknown size is never paged
    bool tall = rows > 0 && static_cast<int>(lineCount(text)) >= rows - 1;
    if (options_.screen && options_.interactive && settings_.pager && !output_.redirected() &&
        tall) {
        std::string pager = pagerCommand();
        output_.stream().flush();
        if (!pager.empty() && page(text, pager)) return;
    }
    output_.stream() << text;
}

void Session::printError(const std::string& text) {
    output_.stream().flush(); // results and errors interleave in order on a shared terminal
    err_ << (options_.colourErrors ? colourDiagnostics(text) : text) << std::flush;
}

void Session::runStatement(const std::string& text, int firstLine) {
    const std::string& name = inputs_.back().name;
    if (settings_.showAst) {
        engine::Outcome parsed;
        std::string ast = engine_->printAst(text, name, firstLine, parsed);
        if (parsed.ok()) output_.stream() << ast;
    }
    auto start = std::chrono::steady_clock::now();
    setInterruptTarget(engine_.get());
    engine::Outcome outcome = engine_->run(text, name, firstLine);
    setInterruptTarget(nullptr);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    printResults(outcome);
    reportDiagnostics(outcome, text, firstLine);
    if (!outcome.ok()) failed();
    if (settings_.timer) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3f", elapsed.count());
        output_.console() << "time: " << seconds << " s\n" << std::flush;
    }
    if (outcome.ok() && storedSomething(outcome.stats)) stored_ = true;
    if (inputs_.size() == 1) showWatchedChanges();
}

void Session::showWatchedChanges() {
    if (!stored_) return;
    stored_ = false;
    Result<std::vector<engine::Engine::WatchInfo>> watches = engine_->watches();
    if (!watches || watches.value().empty()) return;
    engine::Outcome outcome = engine_->checkWatches(false);
    if (!outcome.diagnostics.empty()) printError(outcome.renderDiagnostics());
    if (outcome.results.empty()) return;
    bool json =
        settings_.mode == exporter::Format::Json || settings_.mode == exporter::Format::JsonLines;
    if (json) {
        emit(engine::renderResults(outcome.results, settings_.mode, false, renderOptions()));
    } else { // as `chipgraph watch check` prints them, each under its watch
        std::string text = "watched answers changed since their last check ('chipgraph watch "
                           "check' records one):\n";
        for (const engine::StatementResult& result : outcome.results)
            text += result.statement + "\n" +
                    engine::renderResult(result, settings_.mode, false, renderOptions());
        emit(text);
    }
    output_.resultDone();
}

void Session::printResults(const engine::Outcome& outcome) {
    bool json =
        settings_.mode == exporter::Format::Json || settings_.mode == exporter::Format::JsonLines;
    std::string text;
    exporter::RenderOptions options = renderOptions();
    if (json) // the statement's answers as one document
        text = engine::renderResults(outcome.results, settings_.mode, settings_.showPlan, options);
    for (size_t i = 0; i < outcome.results.size() && !json; ++i) {
        if (i > 0) text += "\n";
        // As the CLI renders it, with the session's table options (headers, the per-atom
        // sources, and on a terminal colours and limits).
        text +=
            engine::renderResult(outcome.results[i], settings_.mode, settings_.showPlan, options);
    }
    if (outcome.results.empty()) return;
    emit(text);
    output_.resultDone();
}

void Session::reportDiagnostics(const engine::Outcome& outcome, const std::string& text,
                                int firstLine) {
    SourceTexts sources = outcome.sources;
    sources[inputs_.back().name] = atLine(text, firstLine);
    for (const Diagnostic& d : outcome.diagnostics) {
        if (d.span.valid())
            printError(renderDiagnostic(d, sources));
        else
            reportPositionless(d, firstLine);
    }
}

// A diagnostic without a position (an interruption, a store error, the end of input): in a
// script it says which statement, by the line it starts on.
void Session::reportPositionless(const Diagnostic& d, int line) {
    bool terminal = options_.interactive && inputs_.size() == 1;
    std::string where = terminal ? "" : inputs_.back().name + ": ";
    std::string text = where + severityWord(d.severity) +
                       (terminal ? "" : " near line " + std::to_string(line)) + ": " + d.message +
                       (d.hint.empty() ? "" : "; " + d.hint) + "\n";
    for (const std::string& note : d.notes)
        text += "note: " + note + "\n";
    printError(text);
}

void Session::runDotLine(std::string_view line) {
    Input& input = inputs_.back();
    int lineNumber = input.line;
    std::string name = input.name;
    int quoteColumn = 0;
    Result<DotCall> call = parseDotLine(line, &quoteColumn);
    DotCall parsed = call ? call.value() : DotCall{};
    DotResult error;
    if (!call) {
        // Point from the open quote to the end of the line, as the name of the command.
        parsed.nameColumn = quoteColumn;
        parsed.nameEndColumn = static_cast<int>(text::decodeUtf8(line).size()) + 1;
        error = DotError{call.status().message()};
    } else if (const DotCommand* command = findDotCommand(parsed.name)) {
        error = runDotCommand(*this, *command, parsed);
    } else {
        std::string hint = suggestDotCommand(parsed.name);
        error = DotError{"unknown command '" + parsed.name + "'; " +
                         (hint.empty() ? "enter .help for the list" : hint)};
    }
    if (!error) return;
    Diagnostic d = makeError(Phase::Io, error->message, spanOf(*error, parsed, name, lineNumber));
    printError(renderDiagnostic(d, {{name, atLine(std::string(line), lineNumber)}}));
    failed();
}

void Session::failed() {
    ++failures_;
    if (!options_.bail) return;
    // A script stops; a terminal session only stops the `.read` files it is running.
    if (!options_.interactive) stopped_ = true;
    for (size_t i = 1; i < inputs_.size(); ++i)
        inputs_[i].stopped = true;
}

Status Session::open(const std::string& database) {
    Result<std::unique_ptr<engine::Engine>> engine = engine::openDatabaseOrBundled(database, false);
    if (!engine) return engine.status();
    if (Status s = engine.value()->setDefaultAsOf(asOf_); !s) return s;
    if (Status s = engine.value()->setDefaultKnownAt(knownAt_); !s) return s;
    if (Status s = engine.value()->setDefaultPolicy(policy_); !s) return s;
    engine.value()->setOptions(engine_->options()); // the session's, from the command line
    engine_ = std::move(engine.value());
    database_ = database;
    return Status::ok();
}

std::string Session::describeDatabase() const {
    return database_.empty() ? "the bundled knowledge base (in memory)" : database_;
}

Status Session::setAsOf(const std::optional<std::string>& date) {
    if (Status s = engine_->setDefaultAsOf(date); !s) return s;
    asOf_ = date;
    return Status::ok();
}

Status Session::setKnownAt(const std::optional<std::string>& date) {
    if (Status s = engine_->setDefaultKnownAt(date); !s) return s;
    knownAt_ = date;
    return Status::ok();
}

Status Session::setPolicy(const std::optional<std::string>& policy) {
    if (Status s = engine_->setDefaultPolicy(policy); !s) return s;
    policy_ = policy;
    return Status::ok();
}

} // namespace chipgraph::repl
