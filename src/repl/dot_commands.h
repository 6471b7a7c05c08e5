#pragma once
// The dot-commands: ONE table `{name, args, handler, usage, help}` drives dispatch, argument
// checks, `.help` and Tab completion (as DuckDB's shell does). Handlers live in
// dot_settings.cpp (session settings, files) and dot_catalog.cpp (listings of the catalog).
#include "common/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::engine {
class Engine;
}

namespace chipgraph::repl {

class Session;

// One argument as typed: its text (quotes removed) and where it stands in the line, in 1-based
// code-point columns (endColumn one past its last character, quotes included).
struct DotArg {
    std::string text;
    int column = 0;
    int endColumn = 0;
};

// A parsed dot-command line.
struct DotCall {
    std::string name; // ".mode"
    int nameColumn = 1, nameEndColumn = 1;
    std::vector<DotArg> args;
    int endColumn = 1; // one past the last character of the line
};

// Splits a line starting with '.' into the command name and its arguments. Arguments are
// separated by blanks; "double quotes" keep blanks (with \" and \\ escapes). An unterminated
// quote is an error; `errorColumn` (if given) then receives the column of that quote.
Result<DotCall> parseDotLine(std::string_view line, int* errorColumn = nullptr);

// What a handler reports back: nothing (success) or an error pointing at one argument.
struct DotError {
    static constexpr int kCommand = -1;   // point at the command name
    static constexpr int kEndOfLine = -2; // a missing argument: point just past the line
    std::string message;
    int arg = kCommand; // index into DotCall::args, or kCommand / kEndOfLine
};
using DotResult = std::optional<DotError>;

// What the arguments are, for Tab completion.
enum class ArgKind {
    None,
    File,
    Format,
    OnOff,
    ShowWhat,
    Relation,
    Type,
    Entity,
    Command,
    Off,
    Number
};

struct DotArgs {
    int min = 0;
    int max = 0; // kRest: every word to the end of the line, joined by blanks
    ArgKind kind = ArgKind::None;
    static constexpr int kRest = 1000;
};

struct DotCommand {
    std::string_view name; // with its dot: ".mode"
    DotArgs args;
    DotResult (*handler)(Session& session, const DotCall& call);
    std::string_view usage; // the arguments, for .help: "table|box|csv|..."
    std::string_view help;  // one line
};

// The table, in the order `.help` lists it.
const std::vector<DotCommand>& dotCommands();
// Finds a command by name (with or without its dot); nullptr when unknown.
const DotCommand* findDotCommand(std::string_view name);
std::vector<std::string> dotCommandNames(); // with their dots
// "did you mean '.mode'?" for a misspelt or shortened name (`.mdoe` has two edits, but `.mo`
// starts only one command), or "" when nothing is close.
std::string suggestDotCommand(std::string_view name);

// Checks the argument count, then runs the handler.
DotResult runDotCommand(Session& session, const DotCommand& command, const DotCall& call);

// `.help` text: every command, or one in detail.
std::string helpText();
std::string helpText(const DotCommand& command);

// Handlers (dot_settings.cpp).
DotResult dotHelp(Session& session, const DotCall& call);
DotResult dotQuit(Session& session, const DotCall& call);
DotResult dotExit(Session& session, const DotCall& call);
DotResult dotOpen(Session& session, const DotCall& call);
DotResult dotRead(Session& session, const DotCall& call);
DotResult dotMode(Session& session, const DotCall& call);
DotResult dotHeaders(Session& session, const DotCall& call);
DotResult dotOutput(Session& session, const DotCall& call);
DotResult dotOnce(Session& session, const DotCall& call);
DotResult dotTimer(Session& session, const DotCall& call);
DotResult dotBail(Session& session, const DotCall& call);
DotResult dotShow(Session& session, const DotCall& call);
DotResult dotAsOf(Session& session, const DotCall& call);
DotResult dotKnownAt(Session& session, const DotCall& call);
DotResult dotPrefer(Session& session, const DotCall& call);
DotResult dotSave(Session& session, const DotCall& call);
DotResult dotDump(Session& session, const DotCall& call);
// Handlers (dot_screen.cpp): how results fit the terminal.
DotResult dotPager(Session& session, const DotCall& call);
DotResult dotMaxRows(Session& session, const DotCall& call);
DotResult dotMaxWidth(Session& session, const DotCall& call);
// Handlers (dot_catalog.cpp).
DotResult dotSchema(Session& session, const DotCall& call);
DotResult dotEntities(Session& session, const DotCall& call);
DotResult dotAliases(Session& session, const DotCall& call);
DotResult dotSources(Session& session, const DotCall& call);
DotResult dotRules(Session& session, const DotCall& call);
// The text `.rules` prints: each rule in force as source, in the order given; "no rules".
std::string describeRules(const engine::Engine& engine);

} // namespace chipgraph::repl
