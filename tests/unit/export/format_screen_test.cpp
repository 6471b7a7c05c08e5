// Tables drawn for a terminal (RenderOptions): at most maxRows rows with a "… N more rows"
// line, narrowed to maxWidth columns with cells cut by "…", and ANSI colours (issue 21).
#include "export/format.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using namespace chipgraph::exporter;

namespace {

Table statuses() {
    Table t;
    t.columns = {"firm", "status", "source"};
    t.rows.push_back({Cell::ofText("Alchip"), Cell::ofText("rumored"), Cell::ofText("bi_2025")});
    t.rows.push_back({Cell::ofText("Annapurna"), Cell::ofText("actual"), Cell::ofText("seed")});
    t.rows.push_back({Cell::ofText("博通"), Cell::ofText("view"), Cell::ofText("udn_2025_11")});
    return t;
}

} // namespace

TEST_CASE("maxRows keeps the first rows and counts the rest", "[format][screen]") {
    RenderOptions options;
    options.maxRows = 1;
    CHECK(renderText(statuses(), options) == "firm   | status  | source\n"
                                             "-------+---------+--------\n"
                                             "Alchip | rumored | bi_2025\n"
                                             "… 2 more rows\n"
                                             "(3 rows)\n");
    CHECK(renderBox(statuses(), options) == "┌────────┬─────────┬─────────┐\n"
                                            "│ firm   │ status  │ source  │\n"
                                            "├────────┼─────────┼─────────┤\n"
                                            "│ Alchip │ rumored │ bi_2025 │\n"
                                            "└────────┴─────────┴─────────┘\n"
                                            "… 2 more rows\n"
                                            "(3 rows)\n");
    options.maxRows = 3; // all fit: no line
    CHECK(renderText(statuses(), options) == renderText(statuses()));
}

TEST_CASE("maxWidth narrows the widest columns and cuts their cells", "[format][screen]") {
    RenderOptions options;
    options.maxWidth = 28;
    CHECK(renderText(statuses(), options) == "firm    | status  | source\n"
                                             "--------+---------+---------\n"
                                             "Alchip  | rumored | bi_2025\n"
                                             "Annapu… | actual  | seed\n"
                                             "博通    | view    | udn_202…\n"
                                             "(3 rows)\n");
    options.maxWidth = 200; // wide enough: unchanged
    CHECK(renderText(statuses(), options) == renderText(statuses()));
}

TEST_CASE("colour: bold names, dim borders, a colour per status", "[format][screen]") {
    RenderOptions options;
    options.colour = true;
    std::string text = renderText(statuses(), options);
    CHECK(text.find("\x1b[1mfirm\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[2m | \x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[33mrumored\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[32mactual\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[35mview\x1b[0m") != std::string::npos);
    // Colours never change the alignment: without the escapes it is the plain table.
    std::string plain;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b')
            i = text.find('m', i);
        else
            plain += text[i];
    }
    CHECK(plain == renderText(statuses()));
    CHECK(renderBox(statuses(), options).find("\x1b[2m┌") != std::string::npos);
}
