#include "repl/dot_commands.h"

#include "common/text.h"

#include <algorithm>

namespace chipgraph::repl {

const std::vector<DotCommand>& dotCommands() {
    using K = ArgKind;
    constexpr int kRest = DotArgs::kRest;
    static const std::vector<DotCommand> kTable = {
        {".help", {0, 1, K::Command}, dotHelp, "[COMMAND]", "list the commands, or explain one"},
        {".quit", {0, 0, K::None}, dotQuit, "", "leave chipgraph (Ctrl-D does too)"},
        {".exit",
         {0, 1, K::Number},
         dotExit,
         "[CODE]",
         "leave chipgraph with exit code CODE (default: as .quit)"},
        {".open",
         {0, 1, K::File},
         dotOpen,
         "[FILE]",
         "open a database (no FILE: the bundled knowledge base, in memory)"},
        {".read",
         {1, 1, K::File},
         dotRead,
         "FILE",
         "run the statements and dot-commands of a file"},
        {".schema",
         {0, 1, K::Relation},
         dotSchema,
         "[RELATION]",
         "show the types, relations and rules, or one relation"},
        {".entities",
         {0, 1, K::Type},
         dotEntities,
         "[TYPE]",
         "list the entities (of a type and its subtypes)"},
        {".aliases", {1, kRest, K::Entity}, dotAliases, "NAME", "show the aliases of an entity"},
        {".sources", {0, 0, K::None}, dotSources, "", "list the sources behind the facts"},
        {".rules", {0, 0, K::None}, dotRules, "", "list the rules in force"},
        {".mode",
         {0, 1, K::Format},
         dotMode,
         "[table|box|csv|tsv|json|jsonl|markdown|line]",
         "how results are printed"},
        {".headers",
         {0, 1, K::OnOff},
         dotHeaders,
         "[on|off]",
         "column names above table, box, csv and tsv results"},
        {".output",
         {0, 1, K::File},
         dotOutput,
         "[FILE]",
         "send results to FILE (no FILE: back to the screen)"},
        {".once", {1, 1, K::File}, dotOnce, "FILE", "send the next result to FILE"},
        {".pager",
         {0, 1, K::OnOff},
         dotPager,
         "[on|off]",
         "page results taller than the terminal ($PAGER, else less -FRX)"},
        {".maxrows",
         {0, 1, K::Number},
         dotMaxRows,
         "[N]",
         "show at most N rows of a table on the terminal (0: all)"},
        {".maxwidth",
         {0, 1, K::Number},
         dotMaxWidth,
         "[N]",
         "fit tables in N columns on the terminal (0: its width)"},
        {".timer", {0, 1, K::OnOff}, dotTimer, "[on|off]", "print how long each statement took"},
        {".bail", {0, 1, K::OnOff}, dotBail, "[on|off]", "stop a script at its first error"},
        {".show",
         {0, 2, K::ShowWhat},
         dotShow,
         "[ast|plan|provenance [on|off]]",
         "list the settings, or print each statement's AST / each query's plan / one source "
         "column per atom"},
        {".asof",
         {0, 1, K::Off},
         dotAsOf,
         "[DATE|off]",
         "answer queries as of DATE unless they say otherwise"},
        {".knownat",
         {0, 1, K::Off},
         dotKnownAt,
         "[DATE|off]",
         "answer queries with what was known at DATE unless they say otherwise"},
        {".prefer",
         {0, DotArgs::kRest, K::None},
         dotPrefer,
         "[latest|S1, S2, ...|off]",
         "choose among disagreeing claims of keyed relations unless a query says otherwise"},
        {".save", {1, 1, K::File}, dotSave, "FILE", "write a copy of the database to a new file"},
        {".dump",
         {0, 1, K::File},
         dotDump,
         "[FILE]",
         "print the database as .kg text that loads back (or write it to a new FILE)"},
    };
    return kTable;
}

const DotCommand* findDotCommand(std::string_view name) {
    std::string wanted = text::foldCase(name);
    if (wanted.empty() || wanted[0] != '.') wanted = "." + wanted;
    for (const DotCommand& command : dotCommands())
        if (command.name == wanted) return &command;
    return nullptr;
}

std::vector<std::string> dotCommandNames() {
    std::vector<std::string> names;
    for (const DotCommand& command : dotCommands())
        names.emplace_back(command.name);
    return names;
}

std::string suggestDotCommand(std::string_view name) {
    std::string typed = text::foldCase(name);
    if (typed.empty() || typed[0] != '.') typed = "." + typed;
    std::vector<std::string> starting;
    for (const std::string& command : dotCommandNames())
        if (command.rfind(typed, 0) == 0) starting.push_back(command);
    if (starting.size() == 1) return "did you mean '" + starting[0] + "'?";
    std::string hint = text::didYouMean(typed, dotCommandNames());
    if (!hint.empty()) return hint;
    // Two letters swapped (`.qiut`, `.exti`) is one slip, though two edits for didYouMean.
    for (size_t i = 1; i + 1 < typed.size(); ++i) {
        std::string swapped = typed;
        std::swap(swapped[i], swapped[i + 1]);
        if (const DotCommand* command = findDotCommand(swapped))
            return "did you mean '" + std::string(command->name) + "'?";
    }
    return "";
}

// Reads one argument starting at line[i] (not a blank): a bare word or a quoted string.
static Result<std::string> readWord(std::string_view line, size_t& i) {
    if (line[i] != '"') {
        size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        return std::string(line.substr(start, i - start));
    }
    std::string word;
    for (++i; i < line.size(); ++i) {
        if (line[i] == '"') {
            ++i;
            return word;
        }
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        word += line[i];
    }
    return Status::error("unterminated string; close it with '\"'");
}

Result<DotCall> parseDotLine(std::string_view line, int* errorColumn) {
    // Columns count code points, as diagnostics do.
    auto column = [&](size_t byte) {
        return 1 + static_cast<int>(text::decodeUtf8(line.substr(0, byte)).size());
    };
    DotCall call;
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    bool first = true;
    while (i < line.size()) {
        size_t start = i;
        Result<std::string> word = readWord(line, i);
        if (!word) {
            if (errorColumn) *errorColumn = column(start);
            return word.status();
        }
        if (first) {
            call.name = word.value();
            call.nameColumn = column(start);
            call.nameEndColumn = column(i);
        } else {
            call.args.push_back({word.value(), column(start), column(i)});
        }
        first = false;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
    }
    call.endColumn = column(line.size());
    return call;
}

static std::string usageOf(const DotCommand& command) {
    std::string usage(command.name);
    return command.usage.empty() ? usage : usage + " " + std::string(command.usage);
}

DotResult runDotCommand(Session& session, const DotCommand& command, const DotCall& call) {
    int count = static_cast<int>(call.args.size());
    if (count < command.args.min)
        return DotError{"missing argument; usage: " + usageOf(command), DotError::kEndOfLine};
    if (command.args.max == DotArgs::kRest && count > 1) {
        // A name with blanks may be typed without quotes: `.aliases TPU v7`.
        DotCall joined = call;
        joined.args.resize(1);
        for (int i = 1; i < count; ++i)
            joined.args[0].text += " " + call.args[static_cast<size_t>(i)].text;
        joined.args[0].endColumn = call.args.back().endColumn;
        return command.handler(session, joined);
    }
    if (count > command.args.max)
        return DotError{"too many arguments; usage: " + usageOf(command), command.args.max};
    return command.handler(session, call);
}

std::string helpText() {
    std::string out;
    for (const DotCommand& command : dotCommands()) {
        std::string usage = usageOf(command);
        // Long usages get a line of their own so the help column stays aligned.
        if (usage.size() > 22) usage += "\n" + std::string(24, ' ');
        out += usage + std::string(usage.size() < 24 ? 24 - usage.size() : 0, ' ') +
               std::string(command.help) + "\n";
    }
    out += "Statements end with '.' (questions with '?') and may span lines. Ctrl-C cancels.\n";
    return out;
}

std::string helpText(const DotCommand& command) {
    return "usage: " + usageOf(command) + "\n" + std::string(command.help) + "\n";
}

} // namespace chipgraph::repl
