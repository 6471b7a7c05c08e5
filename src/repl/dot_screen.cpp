// Dot-commands that fit results to the terminal: `.pager`, `.maxrows`, `.maxwidth`. They only
// take effect when results go to a terminal; a file or a pipe always gets every row in full.
#include "common/text.h"
#include "repl/dot_commands.h"
#include "repl/session.h"

#include <string>

namespace chipgraph::repl {

namespace {

// A count from 0 to `max`, or an error pointing at argument 0.
DotResult parseCount(const DotArg& arg, int max, int& value) {
    const std::string& word = arg.text;
    bool digits = !word.empty() && word.size() <= 9 &&
                  word.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(word) > max)
        return DotError{
            "expected a number from 0 to " + std::to_string(max) + ", not '" + word + "'", 0};
    value = std::stoi(word);
    return {};
}

} // namespace

DotResult dotPager(Session& session, const DotCall& call) {
    bool& pager = session.settings().pager;
    if (call.args.empty()) {
        session.print(pager ? "on\n" : "off\n");
        return {};
    }
    std::string word = text::foldCase(call.args[0].text);
    if (word != "on" && word != "off")
        return DotError{"expected 'on' or 'off', not '" + call.args[0].text + "'", 0};
    pager = word == "on";
    return {};
}

DotResult dotMaxRows(Session& session, const DotCall& call) {
    size_t& maxRows = session.settings().maxRows;
    if (call.args.empty()) {
        session.print(std::to_string(maxRows) + "\n");
        return {};
    }
    int value = 0;
    if (DotResult error = parseCount(call.args[0], 100'000'000, value)) return error;
    maxRows = static_cast<size_t>(value);
    return {};
}

DotResult dotMaxWidth(Session& session, const DotCall& call) {
    int& maxWidth = session.settings().maxWidth;
    if (call.args.empty()) {
        session.print(std::to_string(maxWidth) + "\n");
        return {};
    }
    return parseCount(call.args[0], 100'000, maxWidth);
}

} // namespace chipgraph::repl
