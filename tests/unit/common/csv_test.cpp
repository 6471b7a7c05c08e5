// The CSV reader: RFC 4180 quoting, line ends, line numbers, and fields reused between records.
#include "common/csv.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using Fields = std::vector<std::string>;

namespace {

std::vector<Fields> readAll(std::string_view text, std::string* error = nullptr) {
    CsvReader reader(text);
    std::vector<Fields> out;
    Fields fields;
    while (reader.next(fields))
        out.push_back(fields);
    if (error) *error = reader.error();
    return out;
}

} // namespace

TEST_CASE("csv: plain fields, blank lines and CRLF", "[csv]") {
    CHECK(readAll("a,b\r\n\r\nc,d\n1,,3") ==
          std::vector<Fields>{{"a", "b"}, {"c", "d"}, {"1", "", "3"}});
    CHECK(readAll("\xEF\xBB\xBFx\n") == std::vector<Fields>{{"x"}});
    CHECK(readAll("").empty());
}

TEST_CASE("csv: quoted fields with commas, doubled quotes and newlines", "[csv]") {
    CHECK(readAll("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y\"z\n") ==
          std::vector<Fields>{{"a,b", "say \"hi\"", "two\nlines"}, {"x", "y\"z"}});
}

TEST_CASE("csv: a long record followed by a short one leaves no stale fields", "[csv]") {
    CHECK(readAll("a very long first field that is not short,b,c\nd\n") ==
          std::vector<Fields>{{"a very long first field that is not short", "b", "c"}, {"d"}});
}

TEST_CASE("csv: line numbers count quoted newlines", "[csv]") {
    CsvReader reader("h\n\"x\ny\"\nz\n");
    Fields f;
    REQUIRE(reader.next(f));
    CHECK(reader.line() == 1);
    REQUIRE(reader.next(f));
    CHECK(reader.line() == 2);
    REQUIRE(reader.next(f));
    CHECK(reader.line() == 4);
}

TEST_CASE("csv: an unclosed quote is an error", "[csv][error]") {
    std::string error;
    CHECK(readAll("a\n\"open,b\n", &error) == std::vector<Fields>{{"a"}});
    CHECK(error == "line 2: a quoted field is never closed");
}

TEST_CASE("csv: views of a record with several quoted fields stay valid", "[csv]") {
    // Quoted fields are unescaped into the reader's buffer, which grows while the record is read.
    std::string long1(40, 'a'), long2(300, 'b'), first = long1 + "\"x";
    std::string text = "\"" + long1 + "\"\"x\",plain,\"" + long2 + "\",\"\",\"q\"\"\"\nnext\n";
    CsvReader reader(text);
    std::vector<std::string_view> fields;
    REQUIRE(reader.next(fields));
    CHECK(fields == std::vector<std::string_view>{first, "plain", long2, "", "q\""});
    REQUIRE(reader.next(fields));
    CHECK(fields == std::vector<std::string_view>{"next"});
    CHECK_FALSE(reader.next(fields));
}
