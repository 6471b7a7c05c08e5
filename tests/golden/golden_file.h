#pragma once
// The golden test format (tests/golden/**/*.test), sqllogictest-like:
//
//   # a comment
//   load empty                  -- optional first directive: start without the bundled graph
//   max-derived 1000            -- optional: stop rule evaluation beyond that many facts
//
//   statement ok                -- statements that must succeed (and print nothing)
//   entity Foo: Vendor.
//
//   statement error             -- statements that must fail with exactly this rendering
//   ? designs(Google, "TPU v7").
//   ----
//   <input>:1:11: error: ...
//
//   query [table|csv|json|markdown] [explain]
//   who designs Trainium3?
//   ----
//   firm | valid | ...
//
//   statement ok at 2026-11-01T09:00:00Z by alice   -- any directive: what the log records
//                                                   -- for its statements (docs/time.md)
//
// Without `at ... by ...`, the log records 2026-12-07T00:00:00Z by `golden` (the bundled graph
// too). In markdown, the same suffix follows the fence: ```chipgraph at ... by ....
// Records are separated by blank lines; the expected part runs from `----` to the next blank
// line. Statements are shown to the engine as `<input>` with lines counted from 1.
#include <string>
#include <vector>

namespace chipgraph::golden {

struct Record {
    std::vector<std::string> comments; // '#' lines just before the record, kept on --update
    int line = 0;                      // line of the directive in the .test file
    std::string directive;          // "statement ok", "statement error", "query csv explain", ...
    std::string logClock;           // " at TIME by AUTHOR" after the directive, or ""
    std::string logTime, logAuthor; // parsed from logClock
    std::string input;
    bool hasExpected = false;
    std::string expected;
    std::string actual; // filled by the runner
};

struct GoldenFile {
    size_t maxDerived = 0;          // `max-derived N` header directive: the rule-evaluation limit
    bool markdown = false;          // a .md document whose examples are the records
    std::vector<std::string> lines; // markdown: the whole document, for --update
    std::vector<std::pair<size_t, size_t>> outputBlocks; // markdown: record -> [begin, end) lines
    bool loadBundled = true;
    std::vector<std::string> header; // comment/directive lines before the first record
    std::vector<Record> records;
};

// Parses the file's text; malformed records are reported in `error` (with a line number).
GoldenFile parseGoldenFile(const std::string& text, std::string& error);

// Markdown documents (docs/*.md) are golden files too: a ```chipgraph block is run; the block
// right after it, if it is ```output or ```error, is its expected answer or error; without
// one the statements must succeed silently.
GoldenFile parseMarkdownFile(const std::string& text, std::string& error);

// Writes the file back with each record's expected part replaced by its actual output.
std::string writeGoldenFile(const GoldenFile& file);

} // namespace chipgraph::golden
