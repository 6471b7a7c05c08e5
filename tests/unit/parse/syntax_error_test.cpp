// Syntax errors become diagnostics with the right line:column and a friendly message; a tree
// with errors is never transformed.
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
const char* kEndHint = "every statement ends with '.' (questions with '?')";

} // namespace

// ---- missing '.' -----------------------------------------------------------------------------

TEST_CASE("a missing '.' at the end of input points just past the statement", "[syntax][error]") {
    Diagnostic d = onlyError("type Chip");
    CHECK(d.message == kMissingEnd);
    CHECK(d.hint == kEndHint);
    CHECK(position(d) == "1:10");
    CHECK(d.span.endColumn == 11);
    CHECK(d.span.fileName() == "t.kg");
}

TEST_CASE("a missing '.' before the next line's statement points at the first line",
          "[syntax][error]") {
    Diagnostic d = onlyError("type Chip\ntype Foo.");
    CHECK(d.message == kMissingEnd);
    CHECK(position(d) == "1:10");
}

TEST_CASE("a query without its '.' is reported as a missing '.'", "[syntax][error]") {
    Diagnostic d = onlyError("? designs(F, C)");
    CHECK(d.message == kMissingEnd);
    CHECK(position(d) == "1:16");
}

TEST_CASE("each line with a missing '.' gets its own diagnostic", "[syntax][error]") {
    parse::ParseResult r = parseText("type A\ntype B\ntype C.");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].message == kMissingEnd);
    CHECK(position(r.diagnostics[0]) == "1:7");
    CHECK(r.diagnostics[1].message == kMissingEnd);
    CHECK(position(r.diagnostics[1]) == "2:7");
    CHECK(r.program.statements.empty());
}

TEST_CASE("two statements on one line without '.' are an unexpected token", "[syntax][error]") {
    Diagnostic d = onlyError("type A. type B type C.");
    CHECK(d.message == "unexpected 'type'");
    CHECK(d.hint == "expected '.' or '<:'");
    CHECK(position(d) == "1:16");
    CHECK(d.span.endColumn == 20);
}

// Found by these tests: a status is any name, so the next line's first names are read as
// status words ("status is given twice" on line 2) instead of reporting the missing '.'.
TEST_CASE("a fact missing its '.' before another fact is reported on its own line",
          "[syntax][bug][error]") {
    Diagnostic d = onlyError("Broadcom designs X per s1\nAlchip designs Y per s1.");
    CHECK(d.message == kMissingEnd);
    CHECK(position(d) == "1:26");
}

TEST_CASE("a prefix fact missing its '.' before another prefix fact", "[syntax][bug][error]") {
    Diagnostic d = onlyError("x(A)\nx(B).");
    CHECK(d.message == kMissingEnd);
    CHECK(position(d) == "1:5");
}

// Found by these tests: only a missing '.' is explained, not a missing '?'.
TEST_CASE("a question without its '?' says the '?' is missing", "[syntax][bug][error]") {
    Diagnostic atEnd = onlyError("who designs Trainium3");
    CHECK_THAT(atEnd.message, StartsWith("missing '?'"));
    CHECK(position(atEnd) == "1:22");
    Diagnostic beforeNext = onlyError("who designs X\nwho designs Y?");
    CHECK_THAT(beforeNext.message, StartsWith("missing '?'"));
    CHECK(position(beforeNext) == "1:14");
}

// ---- misspelt keywords -------------------------------------------------------------------

TEST_CASE("a misspelt statement keyword gets a did-you-mean hint", "[syntax][error]") {
    Diagnostic d = onlyError("entiy Foo: Chip.");
    CHECK(d.message == "unknown keyword 'entiy'");
    CHECK(d.hint == "did you mean 'entity'?");
    CHECK(position(d) == "1:1");
    CHECK(d.span.endColumn == 6);
}

TEST_CASE("the rendered misspelt keyword reads as one line", "[syntax][error]") {
    std::string text = "type Chip.\nentiy Foo: Chip.";
    parse::ParseResult r = parseText(text);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(renderDiagnostic(r.diagnostics[0], {{"t.kg", text}}) ==
          "t.kg:2:1: error: unknown keyword 'entiy'; did you mean 'entity'?\n"
          "    entiy Foo: Chip.\n"
          "    ^^^^^\n");
}

TEST_CASE("other misspelt keywords are recognised", "[syntax][error]") {
    Diagnostic relation = onlyError("relaton x(a: Chip).");
    CHECK(relation.message == "unknown keyword 'relaton'");
    CHECK(relation.hint == "did you mean 'relation'?");
    Diagnostic type = onlyError("typ Chip.");
    CHECK(type.hint == "did you mean 'type'?");
}

// ---- other syntax errors -----------------------------------------------------------------

TEST_CASE("an unexpected token names what was expected", "[syntax][error]") {
    Diagnostic eq = onlyError("type Chip = Foo.");
    CHECK(eq.message == "unexpected '='");
    CHECK(eq.hint == "expected '.' or '<:'");
    CHECK(position(eq) == "1:11");

    Diagnostic colon = onlyError("type A.\ntype B.\nrelation r(a A).");
    CHECK(colon.message == "unexpected 'A'");
    CHECK(colon.hint == "expected ':'");
    CHECK(position(colon) == "3:14");

    Diagnostic limit = onlyError("? designs(F, C) limit x.");
    CHECK(limit.message == "unexpected 'x'");
    CHECK(limit.hint == "expected a number");
    CHECK(position(limit) == "1:23");
}

TEST_CASE("end of input inside a statement points past its last token", "[syntax][error]") {
    Diagnostic d = onlyError("x(A");
    CHECK(d.message == "unexpected end of input");
    CHECK(d.hint == "expected ',' or ')'");
    CHECK(position(d) == "1:4");
}

TEST_CASE("an unterminated string says how to close it", "[syntax][error]") {
    Diagnostic d = onlyError("entity \"Foo: Chip.");
    CHECK(d.message == "unexpected '\"'");
    CHECK(d.hint == "unterminated string: close it with '\"'");
    CHECK(position(d) == "1:8");
}

TEST_CASE("a stray character is reported where it is", "[syntax][error]") {
    Diagnostic d = onlyError("type Chip. !");
    CHECK(d.message == "unexpected '!'");
    CHECK(position(d) == "1:12");
}

TEST_CASE("columns count code points, not bytes", "[syntax][error]") {
    Diagnostic d = onlyError("entity 谷歌 = Vendor.");
    CHECK(d.message == "unexpected '='");
    CHECK(position(d) == "1:11");
}

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

// ---- clauses given twice (found while transforming) ----------------------------------------

TEST_CASE("a fact clause given twice is an error at the second one", "[syntax][error]") {
    Diagnostic source = onlyError("x(A) per s1 per s2.");
    CHECK(source.message == "source is given twice");
    CHECK(source.hint == "a fact has at most one source");
    CHECK(position(source) == "1:13");
    CHECK(source.span.endColumn == 19);

    Diagnostic validity = onlyError("x(A) in 2025 in 2026.");
    CHECK(validity.message == "validity is given twice");
    CHECK(position(validity) == "1:14");

    Diagnostic status = onlyError("x(A) actual rumored.");
    CHECK(status.message == "status is given twice");
    CHECK(status.hint == "a fact has at most one status");
    CHECK(position(status) == "1:13");
}

TEST_CASE("a query modifier given twice is an error at the second one", "[syntax][error]") {
    Diagnostic window = onlyError("? x(A) in 2025 as of 2026.");
    CHECK(window.message == "a time window is given twice");
    CHECK(window.hint == "use one of 'as of', 'in' or 'during'");
    CHECK(position(window) == "1:16");

    Diagnostic limit = onlyError("? x(A) limit 1 limit 2.");
    CHECK(limit.message == "'limit' is given twice");
    CHECK(position(limit) == "1:16");

    Diagnostic knownAt = onlyError("? x(A) known at 2025 known at 2026.");
    CHECK(knownAt.message == "'known at' is given twice");
    CHECK(position(knownAt) == "1:22");

    Diagnostic orderBy = onlyError("? x(A) order by A order by A.");
    CHECK(orderBy.message == "'order by' is given twice");
    CHECK(orderBy.hint == "list every key in one 'order by'");
}

TEST_CASE("a source field given twice is an error naming the source", "[syntax][error]") {
    Diagnostic by = onlyError("source s \"t\" by \"a\" by \"b\".");
    CHECK(by.message == "'by' is given twice for source 's'");
    CHECK(by.hint == "keep one");
    CHECK(position(by) == "1:21");
    CHECK(onlyError("source s published 2025 published 2026.").message ==
          "'published' is given twice for source 's'");
    CHECK(onlyError("source s url \"a\" url \"b\".").message ==
          "'url' is given twice for source 's'");
}

// ---- more malformed statements ---------------------------------------------------------------

TEST_CASE("a limit must be a plain number", "[syntax][error]") {
    Diagnostic d = onlyError("? x(A) limit -1.");
    CHECK(d.message == "unexpected '-'");
    CHECK(d.hint == "expected a number");
    CHECK(position(d) == "1:14");
}

TEST_CASE("a validity needs a date", "[syntax][error]") {
    Diagnostic d = onlyError("x(A) in Q3.");
    CHECK(d.message == "unexpected 'Q3'");
    CHECK(d.hint == "expected a date or a number");
    CHECK(position(d) == "1:9");
    CHECK(onlyError("x(A) in 2025..2026.").message == "unexpected '..'");
}

TEST_CASE("an unclosed block comment is a syntax error", "[syntax][error]") {
    Diagnostic d = onlyError("type A. /* open");
    CHECK(d.message == "unexpected '/'");
    CHECK(position(d) == "1:9");
}

TEST_CASE("a qualifier needs a value", "[syntax][error]") {
    Diagnostic d = onlyError("x(A) { note: }.");
    CHECK(d.message == "unexpected '}'");
    CHECK(position(d) == "1:14");
}

TEST_CASE("declarations missing a part are syntax errors", "[syntax][error]") {
    CHECK(position(onlyError("relation r().")) == "1:12");
    Diagnostic entity = onlyError("entity X.");
    CHECK(entity.message == "unexpected '.'");
    CHECK(entity.hint == "expected ',' or ':'");
    CHECK(onlyError("relation \"r\"(a: Chip).").message == "unexpected '\"r\"'");
    CHECK(onlyError("relation r(a: \"Chip\").").message == "unexpected '\"Chip\"'");
}

// Phrase questions missing a part parse (as words) and are reported by the binder:
// tests/golden/errors/phrases.test.
TEST_CASE("queries missing a part are syntax errors", "[syntax][error]") {
    CHECK(onlyError("? .").message == "unexpected '.'");
}

TEST_CASE("a stray character inside a name splits it", "[syntax][error]") {
    Diagnostic d = onlyError("type Ch#ip.");
    CHECK(d.message == "unexpected '#'");
    CHECK(d.hint == "expected '.' or '<:'");
    CHECK(position(d) == "1:8");
}

TEST_CASE("errors on separate lines are each reported, one per line", "[syntax][error]") {
    parse::ParseResult two = parseText("type A = B.\ntype C = D.");
    REQUIRE(two.diagnostics.size() == 2);
    CHECK(position(two.diagnostics[0]) == "1:8");
    CHECK(position(two.diagnostics[1]) == "2:8");
    parse::ParseResult one = parseText("type A = B = C.");
    CHECK(one.diagnostics.size() == 1);
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

TEST_CASE("a chain of more hops than the limit is an error", "[syntax][error][issue14]") {
    CHECK(onlyError("diagram chain of Amazon within 99999999999.").message ==
          "'within' takes at most 1000 hops");
}

TEST_CASE("a NUL byte is an error at its line and column", "[syntax][error][issue14]") {
    Diagnostic d = onlyError(std::string("type Chip.\nentity \"a\0b\": Chip.\n", 30));
    CHECK(position(d) == "2:10");
    CHECK(d.message == "a NUL byte in the text");
}
