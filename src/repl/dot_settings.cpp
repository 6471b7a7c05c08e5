// Dot-commands that change the session: settings, output, files and databases.
#include "common/input_file.h"
#include "common/text.h"
#include "repl/dot_commands.h"
#include "repl/session.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace chipgraph::repl {

namespace {

// `~/notes.kg` means the home folder, as in a shell.
std::string expandHome(const std::string& path) {
    const char* home = std::getenv("HOME");
    if (home && (path == "~" || path.rfind("~/", 0) == 0)) return home + path.substr(1);
    return path;
}

// Parses on/off (and the usual synonyms) into `value`; an error points at argument 0.
DotResult parseSwitch(const DotArg& arg, bool& value) {
    std::string word = text::foldCase(arg.text);
    if (word == "on" || word == "yes" || word == "true" || word == "1") {
        value = true;
        return {};
    }
    if (word == "off" || word == "no" || word == "false" || word == "0") {
        value = false;
        return {};
    }
    return DotError{"expected 'on' or 'off', not '" + arg.text + "'", 0};
}

// `.headers`, `.timer`, `.bail`: without an argument, print the current value.
DotResult onOffSetting(Session& session, const DotCall& call, bool& value) {
    if (call.args.empty()) {
        session.print(value ? "on\n" : "off\n");
        return {};
    }
    return parseSwitch(call.args[0], value);
}

std::string onOff(bool value) {
    return value ? "on" : "off";
}

} // namespace

DotResult dotHelp(Session& session, const DotCall& call) {
    if (call.args.empty()) {
        session.print(helpText());
        return {};
    }
    const DotCommand* command = findDotCommand(call.args[0].text);
    if (!command) {
        std::string hint = suggestDotCommand(call.args[0].text);
        return DotError{
            "unknown command '" + call.args[0].text + "'" + (hint.empty() ? "" : "; " + hint), 0};
    }
    session.print(helpText(*command));
    return {};
}

DotResult dotQuit(Session& session, const DotCall&) {
    session.quit();
    return {};
}

// `.exit CODE` as in sqlite3 and duckdb: a script ends with CODE whatever failed before it.
DotResult dotExit(Session& session, const DotCall& call) {
    if (call.args.empty()) {
        session.quit();
        return {};
    }
    const std::string& code = call.args[0].text;
    bool digits = !code.empty() && code.size() <= 3 &&
                  code.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(code) > 255)
        return DotError{"expected an exit code from 0 to 255, not '" + code + "'", 0};
    session.quit(std::stoi(code));
    return {};
}

DotResult dotOpen(Session& session, const DotCall& call) {
    std::string path = call.args.empty() ? "" : expandHome(call.args[0].text);
    if (Status s = session.open(path); !s) return DotError{s.message(), 0};
    return {};
}

DotResult dotRead(Session& session, const DotCall& call) {
    // Regular files only, as `chipgraph run` reads them: /dev/zero would never end.
    Result<std::string> text =
        readInputFile(expandHome(call.args[0].text), kMaxScriptBytes, "script");
    if (!text) return DotError{text.status().message(), 0};
    if (!session.runNested(text.value(), call.args[0].text))
        return DotError{"'.read' nests too deeply (does the file read itself?)", 0};
    return {};
}

DotResult dotMode(Session& session, const DotCall& call) {
    if (call.args.empty()) {
        session.print(exporter::formatName(session.settings().mode) + "\n");
        return {};
    }
    Result<exporter::Format> format = exporter::parseFormat(call.args[0].text);
    if (!format) return DotError{format.status().message(), 0};
    session.settings().mode = format.value();
    return {};
}

DotResult dotHeaders(Session& session, const DotCall& call) {
    return onOffSetting(session, call, session.settings().headers);
}

DotResult dotOutput(Session& session, const DotCall& call) {
    if (call.args.empty()) {
        session.output().reset();
        return {};
    }
    if (Status s = session.output().redirect(expandHome(call.args[0].text), false); !s)
        return DotError{s.message(), 0};
    return {};
}

DotResult dotOnce(Session& session, const DotCall& call) {
    if (Status s = session.output().redirect(expandHome(call.args[0].text), true); !s)
        return DotError{s.message(), 0};
    return {};
}

DotResult dotTimer(Session& session, const DotCall& call) {
    return onOffSetting(session, call, session.settings().timer);
}

DotResult dotBail(Session& session, const DotCall& call) {
    bool bail = session.bail();
    DotResult result = onOffSetting(session, call, bail);
    session.setBail(bail);
    return result;
}

static std::string settingsText(Session& session) {
    const OutputSettings& s = session.settings();
    std::ostringstream out;
    out << "    mode: " << exporter::formatName(s.mode) << "\n"
        << " headers: " << onOff(s.headers) << "\n"
        << "   timer: " << onOff(s.timer) << "\n"
        << "    bail: " << onOff(session.bail()) << "\n"
        << "     ast: " << onOff(s.showAst) << "\n"
        << "    plan: " << onOff(s.showPlan) << "\n"
        << " sources: " << (s.showProvenance ? "per atom (.show provenance on)" : "compact") << "\n"
        << "   pager: " << onOff(s.pager) << "\n"
        << " maxrows: " << s.maxRows << "\n"
        << "maxwidth: " << s.maxWidth << "\n"
        << "    asof: " << session.asOf().value_or("off") << "\n"
        << " knownat: " << session.knownAt().value_or("off") << "\n"
        << "  prefer: " << session.policy().value_or("off") << "\n"
        << "  output: " << session.output().describe() << "\n"
        << "database: " << session.describeDatabase() << "\n";
    return out.str();
}

DotResult dotShow(Session& session, const DotCall& call) {
    if (call.args.empty()) {
        session.print(settingsText(session));
        return {};
    }
    std::string what = text::foldCase(call.args[0].text);
    bool* setting = what == "ast"          ? &session.settings().showAst
                    : what == "plan"       ? &session.settings().showPlan
                    : what == "provenance" ? &session.settings().showProvenance
                                           : nullptr;
    if (!setting)
        return DotError{"expected 'ast', 'plan' or 'provenance', not '" + call.args[0].text + "'",
                        0};
    bool value = true;
    if (call.args.size() > 1)
        if (DotResult error = parseSwitch(call.args[1], value)) return DotError{error->message, 1};
    *setting = value;
    return {};
}

// `.asof`, `.knownat` and `.prefer`: a value sets the session default, `off` clears it,
// nothing prints it.
static DotResult defaultSetting(Session& session, const DotCall& call,
                                const std::optional<std::string>& current,
                                Status (Session::*set)(const std::optional<std::string>&)) {
    if (call.args.empty()) {
        session.print(current.value_or("off") + "\n");
        return {};
    }
    std::optional<std::string> date;
    if (text::foldCase(call.args[0].text) != "off") date = call.args[0].text;
    if (Status s = (session.*set)(date); !s) return DotError{s.message(), 0};
    return {};
}

DotResult dotAsOf(Session& session, const DotCall& call) {
    return defaultSetting(session, call, session.asOf(), &Session::setAsOf);
}

DotResult dotKnownAt(Session& session, const DotCall& call) {
    return defaultSetting(session, call, session.knownAt(), &Session::setKnownAt);
}

DotResult dotPrefer(Session& session, const DotCall& call) {
    return defaultSetting(session, call, session.policy(), &Session::setPolicy);
}

DotResult dotSave(Session& session, const DotCall& call) {
    std::string path = expandHome(call.args[0].text);
    if (std::filesystem::exists(path))
        return DotError{"'" + call.args[0].text + "' already exists; choose a new file name", 0};
    if (Status s = session.engine().saveTo(path); !s) return DotError{s.message(), 0};
    return {};
}

// `.dump` prints the database as .kg text (where results go); `.dump FILE` writes a new file.
DotResult dotDump(Session& session, const DotCall& call) {
    std::string path = call.args.empty() ? "" : expandHome(call.args[0].text);
    if (!path.empty() && std::filesystem::exists(path))
        return DotError{"'" + call.args[0].text + "' already exists; choose a new file name", 0};
    std::ostringstream text;
    if (Status s = session.engine().dump(text); !s)
        return DotError{s.message(), DotError::kCommand};
    if (path.empty()) {
        session.print(text.str());
        return {};
    }
    std::ofstream file(path, std::ios::binary);
    file << text.str();
    file.close();
    if (!file) return DotError{"cannot write '" + call.args[0].text + "'", 0};
    return {};
}

} // namespace chipgraph::repl
