// Syntax errors become diagnostics with the right line:column and a friendly message; a tree
// with errors is never transformed. The messages of malformed texts are golden records
// (tests/golden/errors/syntax*.test); here is what cannot be said as data.
#include "parse/parser.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using Catch::Matchers::StartsWith;

namespace {

parse::ParseResult parseText(const std::string& text, int firstLine = 1) {
    return parse::parseProgram(text, std::make_shared<const std::string>("t.kg"), firstLine);
}

// The one diagnostic the text must produce.
Diagnostic onlyError(const std::string& text) {
    parse::ParseResult r = parseText(text);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(d.span.line << ":" << d.span.column << ": " << d.message << "; " << d.hint);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_FALSE(r.ok());
    CHECK(r.diagnostics[0].severity == Severity::Error);
    CHECK(r.diagnostics[0].phase == Phase::Syntax);
    return r.diagnostics[0];
}

std::string position(const Diagnostic& d) {
    return std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
}

const char* kMissingEnd = "missing '.' at the end of the statement";

} // namespace

// ---- other syntax errors -----------------------------------------------------------------

TEST_CASE("syntax error lines honour firstLine", "[syntax][error]") {
    parse::ParseResult r = parseText("type A.\ntype B", 41);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == kMissingEnd);
    CHECK(position(r.diagnostics[0]) == "42:7");
}

TEST_CASE("a program with a syntax error is not transformed at all", "[syntax][error]") {
    parse::ParseResult r = parseText("type A.\ntype B.\ntype C = D.");
    CHECK_FALSE(r.ok());
    CHECK(r.program.statements.empty());
}

// ---- issue 14: input that crashed the parser -------------------------------------------------

TEST_CASE("invalid UTF-8 is an error at its line and column", "[syntax][error][issue14]") {
    Diagnostic d = onlyError("type Chip.\n// caf\xe9\n");
    CHECK(position(d) == "2:7");
    CHECK(d.message == "invalid UTF-8 (byte 0xe9)");
    CHECK(d.hint == "save the text as UTF-8");
    CHECK(onlyError("\xff\xfe?\0").hint == "the text is UTF-16; save it as UTF-8");
    CHECK_FALSE(parse::isIncomplete("\xff"));
}

TEST_CASE("parentheses nested past the limit are an error, not a stack overflow",
          "[syntax][error][issue14]") {
    auto nested = [](int depth) {
        return "? x(A), B = " + std::string(depth, '(') + "1" + std::string(depth, ')') + ".";
    };
    CHECK(parseText(nested(parse::kMaxNesting)).ok());
    Diagnostic d = onlyError(nested(30000));
    CHECK(d.message == "parentheses nested more than 100 deep");
    CHECK(position(d) == "1:" + std::to_string(12 + parse::kMaxNesting + 1));
}

TEST_CASE("an expression of more operators than the limit is an error",
          "[syntax][error][issue14]") {
    auto sum = [](int terms) {
        std::string text = "? x(A), B = 1";
        for (int i = 1; i < terms; ++i)
            text += " + 1";
        return text + ".";
    };
    CHECK(parseText(sum(parse::kMaxOperators + 1)).ok());
    Diagnostic d = onlyError(sum(30000));
    CHECK(d.message == "an expression with more than 1000 operators");
}

TEST_CASE("numbers a double cannot hold are errors", "[syntax][error][issue14]") {
    CHECK(onlyError("? x(A), A = " + std::string(400, '9') + ".").message == "number too large");
    Diagnostic d = onlyError("? x(A), A = 12345678901234567891.");
    CHECK(d.message == "integer too large to be stored exactly (beyond 2^53 = 9007199254740992)");
    CHECK(parseText("? x(A), A = 9007199254740992.").ok());
    CHECK(parseText("? x(A), A = ~12345678901234567891.").ok());
}

TEST_CASE("a NUL byte is an error at its line and column", "[syntax][error][issue14]") {
    Diagnostic d = onlyError(std::string("type Chip.\nentity \"a\0b\": Chip.\n", 30));
    CHECK(position(d) == "2:10");
    CHECK(d.message == "a NUL byte in the text");
}
