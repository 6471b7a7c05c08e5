#include "repl/dot_commands.h"

#include <catch2/catch.hpp>

using namespace chipgraph::repl;

TEST_CASE("a dot-command line splits into name and arguments with their columns", "[dot]") {
    auto call = parseDotLine(".mode  csv");
    REQUIRE(call);
    CHECK(call->name == ".mode");
    CHECK(call->nameColumn == 1);
    CHECK(call->nameEndColumn == 6);
    REQUIRE(call->args.size() == 1);
    CHECK(call->args[0].text == "csv");
    CHECK(call->args[0].column == 8);
    CHECK(call->args[0].endColumn == 11);
    CHECK(call->endColumn == 11);
}

TEST_CASE("quoted arguments keep blanks and escapes", "[dot]") {
    auto call = parseDotLine(R"(  .read "my notes.kg" "say \"hi\"")");
    REQUIRE(call);
    CHECK(call->nameColumn == 3);
    REQUIRE(call->args.size() == 2);
    CHECK(call->args[0].text == "my notes.kg");
    CHECK(call->args[0].column == 9);
    CHECK(call->args[0].endColumn == 22);
    CHECK(call->args[1].text == "say \"hi\"");
}

TEST_CASE("columns count characters, not bytes", "[dot]") {
    auto call = parseDotLine(".aliases 谷歌 x");
    REQUIRE(call);
    REQUIRE(call->args.size() == 2);
    CHECK(call->args[0].column == 10);
    CHECK(call->args[0].endColumn == 12);
    CHECK(call->args[1].column == 13);
}

TEST_CASE("an unterminated quote is an error", "[dot]") {
    int column = 0;
    auto call = parseDotLine(".read \"notes.kg", &column);
    REQUIRE_FALSE(call);
    CHECK(column == 7);
    CHECK(call.status().message() == "unterminated string; close it with '\"'");
}

TEST_CASE("commands are found with or without their dot, in any case", "[dot]") {
    REQUIRE(findDotCommand(".mode"));
    CHECK(findDotCommand("mode") == findDotCommand(".mode"));
    CHECK(findDotCommand(".MODE") == findDotCommand(".mode"));
    CHECK(findDotCommand(".mod") == nullptr);
    CHECK(findDotCommand("") == nullptr);
}

TEST_CASE("the table holds every command of the issue, each with help", "[dot]") {
    std::vector<std::string> expected = {".help",    ".quit",     ".exit",    ".open",    ".read",
                                         ".schema",  ".entities", ".aliases", ".sources", ".rules",
                                         ".mode",    ".headers",  ".output",  ".once",    ".pager",
                                         ".maxrows", ".maxwidth", ".timer",   ".bail",    ".show",
                                         ".asof",    ".knownat",  ".prefer",  ".save",    ".dump"};
    CHECK(dotCommandNames() == expected);
    for (const DotCommand& command : dotCommands()) {
        INFO(command.name);
        CHECK(command.handler != nullptr);
        CHECK_FALSE(command.help.empty());
        CHECK((command.args.min <= command.args.max));
    }
}

TEST_CASE(".help lists every command, one per line, and explains one", "[dot]") {
    std::string help = helpText();
    for (const std::string& name : dotCommandNames()) {
        bool startsALine = help.rfind(name, 0) == 0 || help.find("\n" + name) != std::string::npos;
        CHECK(startsALine);
    }
    CHECK(helpText(*findDotCommand(".once")) ==
          "usage: .once FILE\nsend the next result to FILE\n");
}

TEST_CASE("a mistyped command suggests the nearest, swapped letters included", "[dot]") {
    CHECK(suggestDotCommand(".qiut") == "did you mean '.quit'?");
    CHECK(suggestDotCommand(".exti") == "did you mean '.exit'?");
    CHECK(suggestDotCommand(".mdoe") == "did you mean '.mode'?");
    CHECK(suggestDotCommand(".maxr") == "did you mean '.maxrows'?");
    CHECK(suggestDotCommand(".zzzzzz").empty());
}
