// The shell's terminal manners on a real pseudo-terminal (issue 21): `.exit`, suggestions for
// a mistyped dot-command, a multi-line statement as one history entry, the pager, `.maxrows`,
// `.maxwidth`, and colours (off with NO_COLOR or --no-color).
#include "pty_helpers.h"

using namespace chipgraph::testing;

namespace {

constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kDim = "\x1b[2m";

// The lines of `text` after its first occurrence of `marker`, up to the next prompt.
std::vector<std::string> linesAfter(const std::string& text, const std::string& marker) {
    std::vector<std::string> lines;
    size_t at = text.rfind(marker);
    if (at == std::string::npos) return lines;
    std::istringstream in(text.substr(at + marker.size()));
    std::string line;
    while (std::getline(in, line) && line.find(kPrompt) == std::string::npos)
        lines.push_back(line);
    return lines;
}

} // namespace

TEST_CASE(".exit CODE ends the session with that exit code", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".exit 300\r");
    INFO(repl->output());
    CHECK(repl->expect("error: expected an exit code from 0 to 255, not '300'"));
    CHECK(repl->expect(kPrompt)); // the session goes on
    type(*repl, ".exit 3\r");
    CHECK(repl->wait() == 3);
}

TEST_CASE(".exit alone ends the session as .quit does", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".exit\r");
    INFO(repl->output());
    CHECK(repl->wait() == 0);
}

TEST_CASE("a mistyped dot-command suggests the nearest", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".qiut\r");
    INFO(repl->output());
    CHECK(repl->expect("unknown command '.qiut'; did you mean '.quit'?"));
    quit(*repl);
}

TEST_CASE("Up recalls a multi-line statement whole", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, "? designs(F, C),\r");
    INFO(repl->output());
    CHECK(repl->expect("...> "));
    type(*repl, "  F = Alchip.\r");
    CHECK(repl->expect("(5 rows)"));
    CHECK(repl->expect(kPrompt));
    type(*repl, kUp); // one Up: the whole statement, not its last line
    type(*repl, "\r");
    CHECK(repl->expect("(5 rows)"));
    quit(*repl);
    // One entry in the history file (libedit encodes its newline and blanks), not two.
    std::string history = readFile(home.path / ".chipgraph_history");
    CHECK(history.find("C),\\012") != std::string::npos);
}

TEST_CASE("an answer taller than the terminal goes through $PAGER, not after .pager off", "[pty]") {
    TempHome home;
    auto repl = startRepl(home, {}, {"PAGER=sed s/^/PAGED:/"});
    type(*repl, "? designs(F, C).\r"); // more rows than the 30-line terminal
    INFO(repl->output());
    CHECK(repl->expect("PAGED:F "));
    CHECK(repl->expect("PAGED:… "));
    CHECK(repl->expect(kPrompt));
    type(*repl, "who designs Trainium3?\r"); // fits: printed directly
    CHECK(repl->expect("(7 rows)"));
    CHECK(repl->output().find("PAGED:(7 rows)") == std::string::npos);
    type(*repl, ".pager off\r");
    CHECK(repl->expect(kPrompt));
    type(*repl, "? designs(F, C).\r");
    CHECK(repl->expect("more rows"));
    CHECK(repl->unmatched().find("PAGED:") == std::string::npos);
    quit(*repl);
}

TEST_CASE(".maxrows cuts long tables with a count of the rest", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".maxrows 3\r");
    type(*repl, "who designs Trainium3?\r");
    INFO(repl->output());
    CHECK(repl->expect("… 4 more rows\n(7 rows)"));
    type(*repl, ".maxrows 0\r");
    type(*repl, "who designs Trainium3?\r");
    CHECK(repl->expect("(7 rows)"));
    CHECK(repl->output().rfind("more rows") < repl->output().rfind(".maxrows 0"));
    quit(*repl);
}

TEST_CASE(".maxwidth narrows wide tables to fit", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".maxwidth 50\r");
    type(*repl, "who designs Trainium3?\r");
    INFO(repl->output());
    CHECK(repl->expect("(7 rows)"));
    std::vector<std::string> lines = linesAfter(repl->output(), "who designs Trainium3?");
    REQUIRE(lines.size() >= 9);
    bool cut = false;
    for (const std::string& line : lines) {
        INFO(line);
        // Every character of these lines is one column wide.
        size_t columns = 0;
        for (unsigned char c : line)
            columns += (c & 0xC0) != 0x80;
        CHECK(columns <= 50);
        cut = cut || line.find("…") != std::string::npos;
    }
    CHECK(cut);
    quit(*repl);
}

TEST_CASE("errors, borders and statuses are coloured on a terminal", "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, "who designs Tranium3?\r");
    INFO(repl->output());
    CHECK(repl->expect("did you mean 'Trainium3'?"));
    CHECK(repl->rawOutput().find(std::string(kRed) + "error") != std::string::npos);
    CHECK(repl->rawOutput().find("\x1b[1;32m^^^^^^^^") != std::string::npos);
    type(*repl, "who designs Trainium3?\r");
    CHECK(repl->expect("(7 rows)"));
    CHECK(repl->rawOutput().find(std::string(kDim) + " | ") != std::string::npos);
    CHECK(repl->rawOutput().find("\x1b[33mrumored") != std::string::npos);
    quit(*repl);
}

TEST_CASE("NO_COLOR and --no-color turn colours off", "[pty]") {
    TempHome home;
    for (bool flag : {false, true}) {
        auto repl = flag ? startRepl(home, {"--no-color"}) : startRepl(home, {}, {"NO_COLOR=1"});
        type(*repl, "who designs Tranium3?\r");
        INFO(repl->output());
        CHECK(repl->expect("did you mean 'Trainium3'?"));
        type(*repl, "who designs Trainium3?\r");
        CHECK(repl->expect("(7 rows)"));
        CHECK(repl->rawOutput().find(kRed) == std::string::npos);
        CHECK(repl->rawOutput().find(kDim) == std::string::npos);
        quit(*repl);
    }
}

TEST_CASE("the prompt names the session's defaults, and loses them when they are cleared",
          "[pty]") {
    TempHome home;
    auto repl = startRepl(home);
    type(*repl, ".asof 2027\r");
    INFO(repl->output());
    CHECK(repl->expect("chipgraph as of 2027> "));
    type(*repl, ".prefer latest\r");
    CHECK(repl->expect("chipgraph as of 2027 prefer latest> "));
    type(*repl, "? designs(F, C),\r");
    CHECK(repl->expect("                             ...> "));
    type(*repl, "develops(Amazon, C).\r");
    type(*repl, ".asof off\r");
    type(*repl, ".prefer off\r");
    CHECK(repl->expect("chipgraph prefer latest> "));
    quit(*repl); // at "chipgraph> " again
}
