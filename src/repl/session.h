#pragma once
// A REPL session: lines in, results and diagnostics out. Lines buffer until the statement is
// complete (Engine::isIncomplete); a line starting with '.' at the start of a statement is a
// dot-command. Each statement runs on its own (an error never ends the session); errors render
// with carets against the lines typed, numbered over the whole input. The same code runs the
// terminal, piped scripts, `-c` and `.read` files, so they behave alike.
#include "common/diagnostic.h"
#include "engine/engine.h"
#include "repl/output.h"

#include <deque>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace chipgraph::repl {

struct SessionOptions {
    std::string inputName = "<stdin>"; // names the lines fed with feedLine() in diagnostics
    bool interactive = false;          // a terminal: errors without a position omit the line
    bool bail = false;                 // a script stops at its first error (`--bail`, `.bail`)
    bool colour = false;               // ANSI colours in results (stdout is a terminal)
    bool colourErrors = false;         // and in diagnostics (stderr is a terminal)
    bool screen = false; // results go to a terminal: `.maxrows`, `.maxwidth` and the pager apply
};

class Session {
public:
    // `database` is the file behind `engine` ("" for the bundled graph in memory).
    Session(std::unique_ptr<engine::Engine> engine, std::string database, std::ostream& out,
            std::ostream& err, SessionOptions options);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Feeds one line of input (without its newline).
    void feedLine(std::string_view line);
    // Feeds every line of `text`.
    void feedText(std::string_view text);
    // The input has ended: an unfinished statement is an error.
    void endInput();
    // Runs `text` as a nested script named `name` (`.read`), then returns to the outer input.
    // Fails (returns false) when scripts nest too deeply.
    bool runNested(std::string_view text, const std::string& name);

    bool pending() const { return !inputs_.back().pending.empty(); }
    // The lines of the unfinished statement so far (for completion).
    const std::string& pendingText() const { return inputs_.back().pending; }
    // Drops an unfinished statement (Ctrl-C at the prompt).
    void cancelPending();
    // True after `.quit`, or after an error in a script with bail on.
    bool stopped() const { return stopped_; }
    int failures() const { return failures_; }

    // For the dot-command handlers.
    engine::Engine& engine() { return *engine_; }
    OutputSettings& settings() { return settings_; }
    Output& output() { return output_; }
    // Prints `text` where results go (a `.once` file takes it).
    void print(const std::string& text);
    void printTable(const Table& table);
    bool bail() const { return options_.bail; }
    void setBail(bool on) { options_.bail = on; }
    // Ends the session; `code` (`.exit CODE`) replaces the exit code the runner would choose.
    void quit(std::optional<int> code = std::nullopt) {
        stopped_ = true;
        if (code) exitCode_ = code;
    }
    const std::optional<int>& exitCode() const { return exitCode_; }
    // How tables are drawn where results go now: colours, `.maxrows` and `.maxwidth` apply on a
    // terminal only.
    exporter::RenderOptions renderOptions() const;
    // Replaces the engine with the one for `database` ("" for the bundled graph); the session
    // defaults (`.asof`, `.knownat`) carry over. On error the current engine stays.
    Status open(const std::string& database);
    std::string describeDatabase() const;
    const std::optional<std::string>& asOf() const { return asOf_; }
    const std::optional<std::string>& knownAt() const { return knownAt_; }
    Status setAsOf(const std::optional<std::string>& date);
    Status setKnownAt(const std::optional<std::string>& date);
    // The default `prefer` policy (`.prefer`): "latest" or a ranking "S1, S2"; nullopt: all.
    const std::optional<std::string>& policy() const { return policy_; }
    Status setPolicy(const std::optional<std::string>& policy);

private:
    struct Input {
        explicit Input(std::string inputName) : name(std::move(inputName)) {}
        std::string name;
        int line = 0;        // lines read so far
        std::string pending; // an unfinished statement
        int pendingFirstLine = 0;
        bool stopped = false; // bail: the rest of this input is skipped
    };

    void runStatement(const std::string& text, int firstLine);
    // After a typed statement or a whole `.read` that stored something: the watched questions
    // (`chipgraph watch`) whose answers changed since their last check, without recording it.
    void showWatchedChanges();
    void runDotLine(std::string_view line);
    void printResults(const engine::Outcome& outcome);
    void reportDiagnostics(const engine::Outcome& outcome, const std::string& text, int firstLine);
    void reportPositionless(const Diagnostic& diagnostic, int line);
    void failed();
    // Writes results where they go, through the pager when they are taller than the terminal.
    void emit(const std::string& text);
    // Diagnostics to stderr, coloured on a terminal.
    void printError(const std::string& text);

    std::unique_ptr<engine::Engine> engine_;
    std::string database_;
    std::ostream& err_;
    Output output_;
    OutputSettings settings_;
    SessionOptions options_;
    std::deque<Input> inputs_; // a deque: references stay valid while `.read` nests
    std::optional<std::string> asOf_, knownAt_, policy_;
    int failures_ = 0;
    bool stored_ = false; // a statement stored something since the watches were last shown
    bool stopped_ = false;
    std::optional<int> exitCode_;
};

} // namespace chipgraph::repl
