#include "repl/runner.h"

#include "engine/open_database.h"
#include "repl/completer.h"
#include "repl/line_editor.h"
#include "repl/session.h"
#include "repl/signals.h"
#include "repl/terminal.h"

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <langinfo.h>
#include <unistd.h>

namespace chipgraph::repl {

namespace {

// The prompt names the session's defaults, so that no question is read under a date or a
// policy set long ago and forgotten: "chipgraph as of 2027 prefer latest> ".
std::string promptOf(const Session& session) {
    std::string prompt = "chipgraph";
    if (session.asOf()) prompt += " as of " + *session.asOf();
    if (session.knownAt()) prompt += " known at " + *session.knownAt();
    if (session.policy()) prompt += " prefer " + *session.policy();
    return prompt + "> ";
}

// "      ...> " under "chipgraph> ": the continuation ends where the prompt does.
std::string continuationOf(const std::string& prompt) {
    return std::string(prompt.size() > 5 ? prompt.size() - 5 : 0, ' ') + "...> ";
}

// Opens the engine and applies the starting format; nullptr after printing the error.
std::unique_ptr<Session> startSession(const ReplOptions& options, SessionOptions sessionOptions,
                                      int& exitCode) {
    Result<exporter::Format> format = exporter::parseFormat(options.format);
    if (!format) {
        std::cerr << "error: " << format.status().message() << "\n";
        exitCode = 2;
        return nullptr;
    }
    Result<std::unique_ptr<engine::Engine>> engine =
        engine::openDatabaseOrBundled(options.database, false);
    if (!engine) {
        std::cerr << "error: " << engine.status().message() << "\n";
        exitCode = 1;
        return nullptr;
    }
    if (options.configure) options.configure(*engine.value());
    sessionOptions.bail = options.bail;
    sessionOptions.colour = colourWanted(STDOUT_FILENO, options.noColour);
    sessionOptions.colourErrors = colourWanted(STDERR_FILENO, options.noColour);
    sessionOptions.screen = isatty(STDOUT_FILENO) != 0;
    auto session = std::make_unique<Session>(std::move(engine.value()), options.database, std::cout,
                                             std::cerr, std::move(sessionOptions));
    session->settings().mode = format.value();
    return session;
}

// libedit decodes keys with the C library's locale: names in Chinese need a UTF-8 one.
void useUtf8Locale() {
    std::setlocale(LC_CTYPE, "");
    if (std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0) std::setlocale(LC_CTYPE, "C.UTF-8");
}

} // namespace

std::string defaultHistoryFile() {
    if (const char* file = std::getenv("CHIPGRAPH_HISTORY")) return file;
    const char* home = std::getenv("HOME");
    return home && *home ? std::string(home) + "/.chipgraph_history" : "";
}

int runInteractive(const ReplOptions& options) {
    int exitCode = 0;
    std::unique_ptr<Session> session = startSession(options, {"<stdin>", true}, exitCode);
    if (!session) return exitCode;
    useUtf8Locale();
    installSignalHandlers();
    auto complete = [&](std::string_view line) {
        return repl::complete(session->pendingText(), line, vocabularyOf(session->engine()));
    };
    std::unique_ptr<LineEditor> editor = LineEditor::create(options.historyFile, complete);
    if (!editor) return runScript(options, std::cin);
    std::cout << "chipgraph on " << session->describeDatabase() << ": "
              << session->engine().factCount() << " facts.\n"
              << "Enter .help for the commands; end a statement with '.', a question with '?'.\n";
    std::string line;
    std::string statement; // the lines typed for the unfinished statement: one history entry
    while (!session->stopped()) {
        std::string prompt = promptOf(*session);
        LineEditor::Event event =
            editor->readLine(session->pending() ? continuationOf(prompt) : prompt, line);
        if (event == LineEditor::Event::EndOfInput) {
            std::cout << "\n";
            break;
        }
        if (event == LineEditor::Event::Interrupted) {
            session->cancelPending();
            statement.clear();
            continue;
        }
        statement += (statement.empty() ? "" : "\n") + line;
        session->feedText(line); // a statement recalled from history holds several lines
        if (session->pending()) continue;
        editor->remember(statement);
        statement.clear();
    }
    session->endInput();
    return session->exitCode().value_or(0);
}

int runScript(const ReplOptions& options, std::istream& in) {
    int exitCode = 0;
    std::unique_ptr<Session> session = startSession(options, {"<stdin>", false}, exitCode);
    if (!session) return exitCode;
    std::string line;
    while (!session->stopped() && std::getline(in, line))
        session->feedLine(line);
    session->endInput();
    return session->exitCode().value_or(session->failures() > 0 ? 1 : 0);
}

int runCommand(const ReplOptions& options, const std::string& text) {
    int exitCode = 0;
    std::unique_ptr<Session> session = startSession(options, {"<command>", false}, exitCode);
    if (!session) return exitCode;
    session->feedText(text);
    session->endInput();
    return session->exitCode().value_or(session->failures() > 0 ? 1 : 0);
}

} // namespace chipgraph::repl
