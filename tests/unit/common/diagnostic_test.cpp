#include "common/diagnostic.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

SourceSpan spanAt(const std::string& file, int line, int column, int endColumn) {
    return {std::make_shared<const std::string>(file), line, column, line, endColumn};
}

} // namespace

TEST_CASE("makeError fills an error diagnostic", "[diagnostic]") {
    Diagnostic d = makeError(Phase::Bind, "unknown relation 'desings'", spanAt("f.kg", 2, 5, 12),
                             "did you mean 'designs'?");
    CHECK(d.severity == Severity::Error);
    CHECK(d.phase == Phase::Bind);
    CHECK(d.message == "unknown relation 'desings'");
    CHECK(d.hint == "did you mean 'designs'?");
    CHECK(d.span.line == 2);
    CHECK(d.span.fileName() == "f.kg");
    CHECK(d.notes.empty());
}

TEST_CASE("hasErrors ignores warnings and notes", "[diagnostic]") {
    std::vector<Diagnostic> ds;
    CHECK_FALSE(hasErrors(ds));
    Diagnostic warning;
    warning.severity = Severity::Warning;
    Diagnostic note;
    note.severity = Severity::Note;
    ds = {warning, note};
    CHECK_FALSE(hasErrors(ds));
    ds.push_back(makeError(Phase::Syntax, "bad", {}));
    CHECK(hasErrors(ds));
}

TEST_CASE("sortByPosition orders by line then column and is stable", "[diagnostic]") {
    std::vector<Diagnostic> ds = {
        makeError(Phase::Bind, "c", spanAt("f", 3, 1, 2)),
        makeError(Phase::Bind, "b2", spanAt("f", 2, 7, 8)),
        makeError(Phase::Bind, "a", spanAt("f", 1, 9, 10)),
        makeError(Phase::Bind, "b1", spanAt("f", 2, 3, 4)),
        makeError(Phase::Bind, "b2-again", spanAt("f", 2, 7, 9)),
    };
    sortByPosition(ds);
    std::vector<std::string> order;
    for (const Diagnostic& d : ds)
        order.push_back(d.message);
    CHECK(order == std::vector<std::string>{"a", "b1", "b2", "b2-again", "c"});
}

TEST_CASE("a diagnostic renders GCC style with carets under the span", "[diagnostic]") {
    SourceTexts sources = {{"f.kg", "type Chip.\nFoo desings Bar.\n"}};
    Diagnostic d = makeError(Phase::Bind, "unknown relation 'desings'", spanAt("f.kg", 2, 5, 12),
                             "did you mean 'designs'?");
    CHECK(renderDiagnostic(d, sources) ==
          "f.kg:2:5: error: unknown relation 'desings'; did you mean 'designs'?\n"
          "    Foo desings Bar.\n"
          "        ^^^^^^^\n");
}

TEST_CASE("carets account for wide characters before and inside the span", "[diagnostic]") {
    SourceTexts sources = {{"f.kg", "谷歌 desings 博通."}};
    Diagnostic before = makeError(Phase::Bind, "m", spanAt("f.kg", 1, 4, 11));
    CHECK(renderDiagnostic(before, sources) == "f.kg:1:4: error: m\n"
                                               "    谷歌 desings 博通.\n"
                                               "         ^^^^^^^\n");
    Diagnostic inside = makeError(Phase::Bind, "m", spanAt("f.kg", 1, 12, 14));
    CHECK(renderDiagnostic(inside, sources) == "f.kg:1:12: error: m\n"
                                               "    谷歌 desings 博通.\n"
                                               "                 ^^^^\n");
}

TEST_CASE("tabs before the span are kept so the caret lines up", "[diagnostic]") {
    SourceTexts sources = {{"f.kg", "\tFoo bar."}};
    Diagnostic d = makeError(Phase::Syntax, "m", spanAt("f.kg", 1, 2, 5));
    CHECK(renderDiagnostic(d, sources) == "f.kg:1:2: error: m\n"
                                          "    \tFoo bar.\n"
                                          "    \t^^^\n");
}

TEST_CASE("an empty span or one past the line end still gets one caret", "[diagnostic][error]") {
    SourceTexts sources = {{"f.kg", "type Chip"}};
    Diagnostic atEnd = makeError(Phase::Syntax, "missing '.'", spanAt("f.kg", 1, 10, 11));
    CHECK(renderDiagnostic(atEnd, sources) == "f.kg:1:10: error: missing '.'\n"
                                              "    type Chip\n"
                                              "             ^\n");
    Diagnostic empty = makeError(Phase::Syntax, "m", spanAt("f.kg", 1, 6, 6));
    CHECK(renderDiagnostic(empty, sources) == "f.kg:1:6: error: m\n"
                                              "    type Chip\n"
                                              "         ^\n");
}

TEST_CASE("a span over several lines underlines to the end of its first line", "[diagnostic]") {
    SourceTexts sources = {{"f.kg", "relation r(a: Chip,\n  b: Chip)."}};
    SourceSpan span = spanAt("f.kg", 1, 10, 0);
    span.endLine = 2;
    span.endColumn = 11;
    Diagnostic d = makeError(Phase::Bind, "m", span);
    CHECK(renderDiagnostic(d, sources) == "f.kg:1:10: error: m\n"
                                          "    relation r(a: Chip,\n"
                                          "             ^^^^^^^^^^\n");
}

TEST_CASE("carriage returns do not leak into the quoted line", "[diagnostic][error]") {
    SourceTexts sources = {{"f.kg", "type A.\r\ntype B\r\n"}};
    Diagnostic d = makeError(Phase::Syntax, "m", spanAt("f.kg", 2, 6, 7));
    CHECK(renderDiagnostic(d, sources) == "f.kg:2:6: error: m\n"
                                          "    type B\n"
                                          "         ^\n");
}

TEST_CASE("a diagnostic without a span or source renders its message only", "[diagnostic][error]") {
    Diagnostic noSpan = makeError(Phase::Store, "database error: disk full", {});
    CHECK(renderDiagnostic(noSpan, {}) == "error: database error: disk full\n");
    Diagnostic noSource = makeError(Phase::Bind, "m", spanAt("other.kg", 3, 2, 4), "h");
    CHECK(renderDiagnostic(noSource, {{"f.kg", "x"}}) == "other.kg:3:2: error: m; h\n");
    SourceSpan anonymous{nullptr, 1, 1, 1, 2};
    CHECK(renderDiagnostic(makeError(Phase::Bind, "m", anonymous), {}) ==
          "<input>:1:1: error: m\n");
}

TEST_CASE("warnings and notes render with their severity and note lines", "[diagnostic]") {
    Diagnostic d = makeError(Phase::Bind, "m", {});
    d.severity = Severity::Warning;
    d.notes = {"first note", "second note"};
    CHECK(renderDiagnostic(d, {}) == "warning: m\nnote: first note\nnote: second note\n");
}

TEST_CASE("a span past the end of its source quotes no line", "[diagnostic][error]") {
    SourceTexts sources = {{"f.kg", "type Chip."}};
    Diagnostic d = makeError(Phase::Bind, "m", spanAt("f.kg", 3, 1, 2));
    CHECK(renderDiagnostic(d, sources) == "f.kg:3:1: error: m\n");
}

TEST_CASE("an empty line in the middle is still quoted", "[diagnostic]") {
    SourceTexts sources = {{"f.kg", "type A.\n\ntype B."}};
    Diagnostic d = makeError(Phase::Syntax, "m", spanAt("f.kg", 2, 1, 2));
    CHECK(renderDiagnostic(d, sources) == "f.kg:2:1: error: m\n    \n    ^\n");
}

TEST_CASE("a span with line 0 is treated as unknown", "[diagnostic][error]") {
    SourceTexts sources = {{"f.kg", "type Chip."}};
    Diagnostic d = makeError(Phase::Bind, "m", spanAt("f.kg", 0, 1, 2));
    CHECK_FALSE(d.span.valid());
    CHECK(renderDiagnostic(d, sources) == "error: m\n");
}

// Issue 14, item 7: a megabyte on one line took minutes to report and was echoed whole.
TEST_CASE("a long line is quoted as a window around the caret", "[diagnostic][issue14]") {
    std::string line = std::string(100000, 'x') + "BAD" + std::string(100000, 'y');
    SourceTexts sources = {{"f.kg", line}};
    std::string rendered =
        renderDiagnostic(makeError(Phase::Syntax, "m", spanAt("f.kg", 1, 100001, 100004)), sources);
    std::string window = std::string(60, 'x') + "BAD" + std::string(60, 'y');
    CHECK(rendered == "f.kg:1:100001: error: m\n    ..." + window + "...\n    " +
                          std::string(63, ' ') + "^^^\n");
}

TEST_CASE("a short line is quoted whole", "[diagnostic][issue14]") {
    SourceTexts sources = {{"f.kg", "? x(" + std::string(150, 'a') + ")."}};
    std::string rendered =
        renderDiagnostic(makeError(Phase::Bind, "m", spanAt("f.kg", 1, 5, 155)), sources);
    CHECK(rendered.find("...") == std::string::npos);
}

TEST_CASE("a name of a megabyte in a message shows its ends", "[diagnostic][issue14]") {
    std::string name = "a" + std::string(1 << 20, 'b') + "c";
    std::string rendered =
        renderDiagnostic(makeError(Phase::Bind, "unknown entity '" + name + "'", {}), {});
    // 28 bytes of each end of the word, its quotes included.
    CHECK(rendered == "error: unknown entity '" + std::string("a") + std::string(26, 'b') + "..." +
                          std::string(26, 'b') + "c'\n");
}

TEST_CASE("invalid UTF-8 in a quoted line shows as a replacement character",
          "[diagnostic][issue14]") {
    SourceTexts sources = {{"f.kg", "// caf\xe9"}};
    CHECK(renderDiagnostic(makeError(Phase::Syntax, "m", spanAt("f.kg", 1, 7, 8)), sources) ==
          "f.kg:1:7: error: m\n    // caf\xEF\xBF\xBD\n          ^\n");
}
