#include "repl/completer.h"

#include <catch2/catch.hpp>

using namespace chipgraph::repl;
using Strings = std::vector<std::string>;

namespace {

Vocabulary vocabulary() {
    Vocabulary v;
    v.relations = {"designs", "develops", "shipments"};
    v.rules = {"design_partner"};
    v.entities = {"Trainium2", "Trainium3", "Trn3",     "TPU v7", "TPU v7e",
                  "Alchip",    "联发科",    "MediaTek", "in"};
    v.sources = {"seed2025", "bi_2025_12"};
    v.types = {"Chip", "Vendor", "DesignFirm"};
    return v;
}

std::vector<std::string> fakeFiles(const std::string& directory) {
    if (directory.empty()) return {"notes.kg", "out.svg", "my notes.kg", "docs/", ".hidden"};
    if (directory == "docs/") return {"repl.md", "language.md"};
    return {};
}

Strings complete(std::string_view line, std::string_view pending = "") {
    return complete(pending, line, vocabulary(), fakeFiles).candidates;
}

} // namespace

TEST_CASE("dot-command names complete at the start of a statement", "[completer]") {
    CHECK(complete(".mo") == Strings{".mode"});
    CHECK(complete(".s") == Strings{".save", ".schema", ".show", ".sources"});
    CHECK(complete("  .QU") == Strings{".quit"});
    // Inside a statement a '.' line is not a command.
    CHECK(complete(".mo", "who designs\n").empty());
}

TEST_CASE("dot-command arguments complete from the command's table entry", "[completer]") {
    CHECK(complete(".mode c") == Strings{"csv"});
    CHECK(complete(".mode j") == Strings{"json", "jsonl"});
    CHECK(complete(".headers ") == Strings{"off", "on"});
    CHECK(complete(".show p") == Strings{"plan", "provenance"});
    CHECK(complete(".show plan o") == Strings{"off", "on"});
    CHECK(complete(".help mo") == Strings{"mode"});
    CHECK(complete(".schema des") == Strings{"design_partner", "designs"});
    CHECK(complete(".entities ch") == Strings{"Chip"});
    CHECK(complete(".aliases 联") == Strings{"联发科"});
    CHECK(complete(".aliases TPU") == Strings{"\"TPU v7\"", "\"TPU v7e\""});
    CHECK(complete(".asof ") == Strings{"off"});
    CHECK(complete(".quit ").empty());
    CHECK(complete(".mode csv x").empty()); // no second argument
}

TEST_CASE("file names complete after .read, .open, .output, .once and .save", "[completer]") {
    CHECK(complete(".read n") == Strings{"notes.kg"});
    CHECK(complete(".open ") == Strings{"docs/", "\"my notes.kg\"", "notes.kg", "out.svg"});
    CHECK(complete(".output docs/r") == Strings{"docs/repl.md"});
    CHECK(complete(".once \"my") == Strings{"\"my notes.kg\""});
    CHECK(complete(".save .h") == Strings{".hidden"}); // hidden files only when asked for
}

TEST_CASE("file names complete inside to \"...\" and from \"...\"", "[completer]") {
    CHECK(complete("diagram designs to \"ou") == Strings{"\"out.svg\""});
    CHECK(complete("import designs from \"no") == Strings{"\"notes.kg\""});
    CHECK(complete("Alchip designs \"no").empty()); // a name, not a file
    CHECK(complete("diagram designs to \"docs/") ==
          Strings{"\"docs/language.md\"", "\"docs/repl.md\""});
}

TEST_CASE("statement words complete from keywords, relations and entities", "[completer]") {
    CHECK(complete("who designs Trai") == Strings{"Trainium2", "Trainium3"});
    CHECK(complete("wh") == Strings{"what", "where", "which", "who", "why"});
    CHECK(complete("? de") ==
          Strings{"deprecate", "desc", "design_partner", "designs", "develops"});
    CHECK(complete("Alchip designs Trainium3 fr") == Strings{"from"});
}

TEST_CASE("context narrows what completes", "[completer]") {
    CHECK(complete("who d") == Strings{"design_partner", "designs", "develops"});
    CHECK(complete("? designs(F, T") ==
          Strings{"\"TPU v7\"", "\"TPU v7e\"", "Trainium2", "Trainium3", "Trn3"});
    CHECK(complete("Alchip designs Trainium4 per ") == Strings{"bi_2025_12", "seed2025"});
    CHECK(complete("entity Foo: ") == Strings{"Chip", "DesignFirm", "Vendor"});
    CHECK(complete("type Foo <: V") == Strings{"Vendor"});
    CHECK(complete("which c") == Strings{"Chip"});
    CHECK(complete("what does Me") == Strings{"MediaTek"});
    CHECK(complete("what does MediaTek d") == Strings{"design_partner", "designs", "develops"});
    CHECK(complete("who designs Trainium3 as of 20").empty());
    CHECK(complete("diagram de") == Strings{"design_partner", "designs", "develops"});
    CHECK(complete("diagram chain of Al") == Strings{"Alchip"});
    CHECK(complete("import designs from \"x.csv\" create Ven") == Strings{"Vendor"});
    CHECK(complete("history de") == Strings{"design_partner", "designs", "develops"});
    CHECK(complete("? designs(F, C) prefer s") == Strings{"seed2025"});
    CHECK(complete("? designs(F, C) prefer bi_2025_12, s") == Strings{"seed2025"});
}

TEST_CASE("the unfinished lines of a statement give the context", "[completer]") {
    CHECK(complete("  per s", "Alchip designs Trainium4\n") == Strings{"seed2025"});
    CHECK(complete("  Tr", "? designs(F,\n") == Strings{"Trainium2", "Trainium3", "Trn3"});
}

TEST_CASE("names that are not bare identifiers complete quoted", "[completer]") {
    CHECK(complete("who designs TPU") == Strings{"\"TPU v7\"", "\"TPU v7e\""});
    CHECK(complete("who designs \"TPU v7") == Strings{"\"TPU v7\"", "\"TPU v7e\""});
    CHECK(complete("who designs \"Al") == Strings{"\"Alchip\""});
    CHECK(complete("? designs(F, i") == Strings{"\"in\""}); // a keyword as a name
    CHECK(complete("what does 联") == Strings{"联发科"});
}

TEST_CASE("the completed word starts where the name does", "[completer]") {
    Vocabulary v = vocabulary();
    CHECK(chipgraph::repl::complete("", "who designs Trai", v).start == 12);
    CHECK(chipgraph::repl::complete("", "who designs \"TPU v", v).start == 12);
    CHECK(chipgraph::repl::complete("", ".read \"my n", v, fakeFiles).start == 6);
    CHECK(chipgraph::repl::complete("", "what does 联", v).start == 10);
}

TEST_CASE("Tab replaces, lists or does nothing", "[completer]") {
    using Kind = CompletionAction::Kind;
    auto action = [](Strings candidates, std::string_view word) {
        return chooseAction(Completion{0, std::move(candidates)}, word);
    };
    CHECK(action({}, "x").kind == Kind::None);
    CHECK(action({"Trainium3"}, "Trai").text == "Trainium3 ");
    CHECK(action({"docs/"}, "do").text == "docs/");       // a folder: keep typing
    CHECK(action({"\"docs/"}, "\"do").text == "\"docs/"); // inside an open string too
    CHECK(action({"Trainium2", "Trainium3"}, "tr").text == "Trainium");
    CHECK(action({"Trainium2", "Trainium3"}, "Trainium").kind == Kind::List);
    CHECK(action({"\"TPU v7\"", "\"TPU v7e\""}, "TPU").text == "\"TPU v7");
    CHECK(action({"\"TPU v7\"", "\"TPU v7e\""}, "\"TPU v7").kind == Kind::List);
    // Bare and quoted names together: the common part of the names, bare.
    CHECK(action({"Trainium3", "\"Trainium3 Lite\""}, "Trainiu").text == "Trainium3");
    CHECK(action({"Trainium3", "\"Trainium3 Lite\""}, "Trainium3").kind == Kind::List);
}

TEST_CASE("the common prefix never splits a character", "[completer]") {
    CHECK(commonPrefix({"联发科", "联想"}) == "联");
    CHECK(commonPrefix({"ab", "abc"}) == "ab");
    CHECK(commonPrefix({"\xE8\x81\x94", "\xE8\x81\x95"}).empty()); // differ in the last byte
    CHECK(commonPrefix({}).empty());
}

TEST_CASE("candidates are listed in columns, down then across", "[completer]") {
    CHECK(formatColumns({"a", "bb", "c", "d"}, 8) == "a   c\nbb  d\n");
    CHECK(formatColumns({"one", "two"}, 3) == "one\ntwo\n");
    CHECK(formatColumns({"a", "b", "c"}, 80, 2) == "a  b\n... and 1 more\n");
}
