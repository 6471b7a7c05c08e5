// Result tables rendered as an aligned text table, CSV (RFC 4180), JSON and Markdown: exact
// output, quoting, nulls and numbers, and alignment by display width (Chinese is two columns).
#include "export/format.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace chipgraph;
using namespace chipgraph::exporter;

namespace {

// firm | units | source, with an exact number, an approximate one and a null.
Table sample() {
    Table t;
    t.columns = {"firm", "units", "source"};
    t.rows.push_back(
        {Cell::ofText("Alchip"), Cell::ofNumber("3000000", 3000000), Cell::ofText("seed2025")});
    t.rows.push_back(
        {Cell::ofText("谷歌"), Cell::ofNumber("~2000000", Number::approx(2000000)), Cell::null()});
    return t;
}

Table oneColumn(std::vector<Cell> cells, std::string column = "c") {
    Table t;
    t.columns = {std::move(column)};
    for (Cell& c : cells)
        t.rows.push_back({std::move(c)});
    return t;
}

} // namespace

// ---- format names ------------------------------------------------------------------------

TEST_CASE("format names parse case-insensitively, md included", "[format]") {
    CHECK(parseFormat("table").value() == Format::Table);
    CHECK(parseFormat("CSV").value() == Format::Csv);
    CHECK(parseFormat("Json").value() == Format::Json);
    CHECK(parseFormat("markdown").value() == Format::Markdown);
    CHECK(parseFormat("md").value() == Format::Markdown);
    CHECK(formatNames() == std::vector<std::string>{"table", "csv", "json", "markdown", "box",
                                                    "tsv", "jsonl", "line"});
}

TEST_CASE("an unknown format suggests the closest or lists them", "[format][error]") {
    Result<Format> typo = parseFormat("jsn");
    REQUIRE_FALSE(typo.isOk());
    CHECK(typo.status().message() == "unknown format 'jsn'; did you mean 'json'?");
    Result<Format> other = parseFormat("xml");
    REQUIRE_FALSE(other.isOk());
    CHECK(other.status().message() ==
          "unknown format 'xml'; choose table, box, csv, tsv, json, jsonl, markdown or line");
    CHECK_FALSE(parseFormat("").isOk());
}

TEST_CASE("render dispatches on the format", "[format]") {
    Table t = sample();
    CHECK(render(t, Format::Table) == renderText(t));
    CHECK(render(t, Format::Csv) == renderCsv(t));
    CHECK(render(t, Format::Json) == renderJson(t));
    CHECK(render(t, Format::Markdown) == renderMarkdown(t));
}

// ---- text table --------------------------------------------------------------------------

TEST_CASE("the text table aligns columns, numbers to the right", "[format]") {
    CHECK(renderText(sample()) == "firm   | units    | source\n"
                                  "-------+----------+---------\n"
                                  "Alchip |  3000000 | seed2025\n"
                                  "谷歌   | ~2000000 | \n"
                                  "(2 rows)\n");
}

TEST_CASE("wide characters count two columns when aligning", "[format]") {
    Table t;
    t.columns = {"名称", "x"};
    t.rows.push_back({Cell::ofText("海外算力ASIC"), Cell::ofText("a")});
    t.rows.push_back({Cell::ofText("TPU"), Cell::ofText("b")});
    CHECK(renderText(t) == "名称         | x\n"
                           "-------------+--\n"
                           "海外算力ASIC | a\n"
                           "TPU          | b\n"
                           "(2 rows)\n");
}

TEST_CASE("a number in the last column is right-aligned too", "[format]") {
    Table t = oneColumn({Cell::ofNumber("5", 5), Cell::ofNumber("4614", 4614)}, "units");
    CHECK(renderText(t) == "units\n"
                           "-----\n"
                           "    5\n"
                           " 4614\n"
                           "(2 rows)\n");
}

TEST_CASE("the row count says row or rows", "[format]") {
    CHECK(renderText(oneColumn({Cell::ofText("x")})) == "c\n-\nx\n(1 row)\n");
    CHECK(renderText(oneColumn({})) == "c\n-\n(0 rows)\n");
}

// ---- CSV ---------------------------------------------------------------------------------

TEST_CASE("CSV has a header and CRLF line ends", "[format]") {
    CHECK(renderCsv(sample()) == "firm,units,source\r\n"
                                 "Alchip,3000000,seed2025\r\n"
                                 "谷歌,~2000000,\r\n");
}

TEST_CASE("CSV quotes fields with commas, quotes and line breaks", "[format][error]") {
    Table t = oneColumn({Cell::ofText("Alchip, Alphawave"), Cell::ofText("say \"hi\""),
                         Cell::ofText("two\nlines"), Cell::ofText("cr\rhere"),
                         Cell::ofText("plain; text"), Cell::ofText("")},
                        "a,b");
    CHECK(renderCsv(t) == "\"a,b\"\r\n"
                          "\"Alchip, Alphawave\"\r\n"
                          "\"say \"\"hi\"\"\"\r\n"
                          "\"two\nlines\"\r\n"
                          "\"cr\rhere\"\r\n"
                          "plain; text\r\n"
                          "\r\n");
}

TEST_CASE("CSV of a table without rows is its header", "[format]") {
    CHECK(renderCsv(oneColumn({}, "firm")) == "firm\r\n");
}

// ---- JSON --------------------------------------------------------------------------------

TEST_CASE("JSON has columns, rows and notes, exact numbers as numbers and missing values as null",
          "[format]") {
    CHECK(renderJson(sample()) ==
          "{\"columns\":[\"firm\",\"units\",\"source\"],"
          "\"rows\":[[\"Alchip\",3000000,\"seed2025\"],[\"谷歌\",{\"kind\":\"approx\","
          "\"low\":2000000,\"high\":2000000,\"text\":\"~2000000\"},null]],\"notes\":[]}\n");
}

TEST_CASE("a JSON number is never a string: bounds and ranges are objects", "[format]") {
    Table t = oneColumn({Cell::ofNumber(">3000000", Number::greater(3000000)),
                         Cell::ofNumber("<50000", Number::less(50000)),
                         Cell::ofNumber("1..2.5", Number::range(1, 2.5))});
    CHECK(renderJson(t) ==
          "{\"columns\":[\"c\"],\"rows\":["
          "[{\"kind\":\"greater\",\"low\":3000000,\"high\":null,\"text\":\">3000000\"}],"
          "[{\"kind\":\"less\",\"low\":null,\"high\":50000,\"text\":\"<50000\"}],"
          "[{\"kind\":\"range\",\"low\":1,\"high\":2.5,\"text\":\"1..2.5\"}]],\"notes\":[]}\n");
}

TEST_CASE("notes print under the text table, after a Markdown table and in JSON", "[format]") {
    Table t = oneColumn({Cell::ofText("a")});
    t.notes = {"3 claims without a report date were left out"};
    CHECK(renderText(t) ==
          "c\n-\na\n(1 row)\nnote: 3 claims without a report date were left out\n");
    CHECK(renderMarkdown(t) ==
          "| c |\n| --- |\n| a |\n\nnote: 3 claims without a report date were left out\n");
    CHECK(renderCsv(t) == "c\r\na\r\n"); // data only: the CLI prints notes to stderr
    CHECK(renderJson(t) == "{\"columns\":[\"c\"],\"rows\":[[\"a\"]],"
                           "\"notes\":[\"3 claims without a report date were left out\"]}\n");
}

TEST_CASE("JSON numbers keep fractions and signs, and integers have no '.0'", "[format]") {
    Table t = oneColumn({Cell::ofNumber("4.9", 4.9), Cell::ofNumber("-3", -3),
                         Cell::ofNumber("0", 0), Cell::ofNumber("980000000000000", 9.8e14)});
    CHECK(renderJson(t) ==
          "{\"columns\":[\"c\"],\"rows\":[[4.9],[-3],[0],[980000000000000]],\"notes\":[]}\n");
}

TEST_CASE("JSON escapes strings", "[format][error]") {
    Table t = oneColumn({Cell::ofText("say \"hi\"\\\n")});
    CHECK(renderJson(t) ==
          "{\"columns\":[\"c\"],\"rows\":[[\"say \\\"hi\\\"\\\\\\n\"]],\"notes\":[]}\n");
}

TEST_CASE("JSON of an empty table", "[format]") {
    CHECK(renderJson(Table{}) == "{\"columns\":[],\"rows\":[],\"notes\":[]}\n");
}

TEST_CASE("JSON never throws on invalid UTF-8: bad bytes become U+FFFD", "[format][error]") {
    Table t = oneColumn({Cell::ofText("bad\xff")});
    std::string out;
    REQUIRE_NOTHROW(out = renderJson(t));
    CHECK(out == "{\"columns\":[\"c\"],\"rows\":[[\"bad\xEF\xBF\xBD\"]],\"notes\":[]}\n");
}

// ---- Markdown ----------------------------------------------------------------------------

TEST_CASE("Markdown renders a pipe table", "[format]") {
    CHECK(renderMarkdown(sample()) == "| firm | units | source |\n"
                                      "| --- | --- | --- |\n"
                                      "| Alchip | 3000000 | seed2025 |\n"
                                      "| 谷歌 | ~2000000 |  |\n");
}

TEST_CASE("Markdown escapes pipes and flattens line breaks", "[format][error]") {
    Table t = oneColumn({Cell::ofText("a|b"), Cell::ofText("two\nlines")}, "x|y");
    CHECK(renderMarkdown(t) == "| x\\|y |\n"
                               "| --- |\n"
                               "| a\\|b |\n"
                               "| two lines |\n");
}

TEST_CASE("Markdown of a table without rows is its header", "[format]") {
    CHECK(renderMarkdown(oneColumn({}, "firm")) == "| firm |\n| --- |\n");
}

// ---- awkward input ------------------------------------------------------------------------

TEST_CASE("format names must be spelt out exactly", "[format][error]") {
    CHECK(parseFormat("csvv").status().message() == "unknown format 'csvv'; did you mean 'csv'?");
    CHECK(parseFormat("mark").status().message() ==
          "unknown format 'mark'; choose table, box, csv, tsv, json, jsonl, markdown or line");
    CHECK_FALSE(parseFormat(" csv").isOk());
    CHECK_FALSE(parseFormat("json ").isOk());
    CHECK_FALSE(parseFormat("text").isOk());
}

TEST_CASE("a non-finite number cell becomes null in JSON", "[format][error]") {
    double inf = std::numeric_limits<double>::infinity();
    Table t = oneColumn({Cell::ofNumber("inf", inf)});
    CHECK(renderJson(t) == "{\"columns\":[\"c\"],\"rows\":[[null]],\"notes\":[]}\n");
}

TEST_CASE("Markdown flattens CRLF and lone CR line breaks too", "[format][error]") {
    Table t = oneColumn({Cell::ofText("two\r\nlines"), Cell::ofText("old\rmac")});
    CHECK(renderMarkdown(t) == "| c |\n| --- |\n| two lines |\n| old mac |\n");
}

TEST_CASE("CSV quotes a header that needs it", "[format][error]") {
    Table t;
    t.columns = {"say \"hi\"", "plain"};
    CHECK(renderCsv(t) == "\"say \"\"hi\"\"\",plain\r\n");
}

TEST_CASE("a table without columns renders as empty documents", "[format][error]") {
    Table t;
    CHECK(renderText(t) == "\n\n(0 rows)\n");
    CHECK(renderCsv(t) == "\r\n");
    CHECK(renderMarkdown(t) == "|\n|\n");
}

TEST_CASE("a null cell renders empty in every text format", "[format][error]") {
    Table t = oneColumn({Cell::null()}, "source");
    CHECK(renderCsv(t) == "source\r\n\r\n");
    CHECK(renderMarkdown(t) == "| source |\n| --- |\n|  |\n");
    CHECK(renderText(t) == "source\n------\n\n(1 row)\n");
}
