// The output modes the REPL added to src/export (box, tsv, jsonl, line) and `.headers off`.
#include "export/format.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using exporter::Format;

namespace {

Table sample() {
    Table t;
    t.columns = {"firm", "units"};
    t.rows.push_back({Cell::ofText("谷歌"), Cell::ofNumber("3000000", 3000000)});
    t.rows.push_back({Cell::ofText("a\tb\\c\nd"), Cell::null()});
    return t;
}

} // namespace

TEST_CASE("every mode name parses, md included, and names itself", "[modes]") {
    for (const std::string& name : exporter::formatNames()) {
        auto format = exporter::parseFormat(name);
        REQUIRE(format);
        CHECK(exporter::formatName(format.value()) == name);
    }
    CHECK(exporter::parseFormat("MD").value() == Format::Markdown);
    CHECK(exporter::parseFormat("jsn").status().message() ==
          "unknown format 'jsn'; did you mean 'json'?");
}

TEST_CASE("box draws lines around the table, numbers right-aligned", "[modes]") {
    Table t;
    t.columns = {"firm", "units"};
    t.rows.push_back({Cell::ofText("谷歌"), Cell::ofNumber("3000000", 3000000)});
    CHECK(exporter::render(t, Format::Box) == "┌──────┬─────────┐\n"
                                              "│ firm │ units   │\n"
                                              "├──────┼─────────┤\n"
                                              "│ 谷歌 │ 3000000 │\n"
                                              "└──────┴─────────┘\n"
                                              "(1 row)\n");
    CHECK(exporter::render(t, Format::Box, {false}) == "┌──────┬─────────┐\n"
                                                       "│ 谷歌 │ 3000000 │\n"
                                                       "└──────┴─────────┘\n"
                                                       "(1 row)\n");
}

TEST_CASE("tsv escapes tabs, newlines and backslashes", "[modes]") {
    CHECK(exporter::render(sample(), Format::Tsv) == "firm\tunits\n"
                                                     "谷歌\t3000000\n"
                                                     "a\\tb\\\\c\\nd\t\n");
    CHECK(exporter::render(sample(), Format::Tsv, {false}) == "谷歌\t3000000\na\\tb\\\\c\\nd\t\n");
}

TEST_CASE("jsonl prints a table as one object on one line, exact numbers as numbers", "[modes]") {
    CHECK(exporter::render(sample(), Format::JsonLines) ==
          "{\"columns\":[\"firm\",\"units\"],\"rows\":[[\"谷歌\",3000000],"
          "[\"a\\tb\\\\c\\nd\",null]],\"notes\":[]}\n");
    CHECK(exporter::render(Table{{"x"}, {}}, Format::JsonLines) ==
          "{\"columns\":[\"x\"],\"rows\":[],\"notes\":[]}\n");
}

TEST_CASE("line mode prints one name = value per line, rows apart", "[modes]") {
    Table t;
    t.columns = {"firm", "units"};
    t.rows.push_back({Cell::ofText("Alchip"), Cell::ofNumber("~2000", 2000)});
    t.rows.push_back({Cell::ofText("GUC"), Cell::null()});
    CHECK(exporter::render(t, Format::Line) == " firm = Alchip\nunits = ~2000\n\n"
                                               " firm = GUC\nunits = \n");
}

TEST_CASE("headers off leaves only the rows of table and csv", "[modes]") {
    Table t;
    t.columns = {"firm", "units"};
    t.rows.push_back({Cell::ofText("Alchip"), Cell::ofNumber("12", 12)});
    CHECK(exporter::render(t, Format::Table, {false}) == "Alchip | 12\n(1 row)\n");
    CHECK(exporter::render(t, Format::Csv, {false}) == "Alchip,12\r\n");
    // The default keeps the output the subcommands have always printed.
    CHECK(exporter::render(t, Format::Table) ==
          "firm   | units\n-------+------\nAlchip |    12\n(1 row)\n");
}
