#include "golden_file.h"

#include <sstream>

namespace chipgraph::golden {

static std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

// Splits " at TIME by AUTHOR" off a directive (or a markdown fence) into the record.
static void splitLogClock(std::string& directive, Record& record) {
    size_t at = directive.find(" at ");
    if (at == std::string::npos) return;
    record.logClock = directive.substr(at);
    directive.resize(at);
    std::string rest = record.logClock.substr(4);
    size_t by = rest.find(" by ");
    record.logTime = rest.substr(0, by);
    if (by != std::string::npos) record.logAuthor = rest.substr(by + 4);
}

static bool isDirective(const std::string& line) {
    return line.rfind("statement ", 0) == 0 || line == "query" || line.rfind("query ", 0) == 0;
}

GoldenFile parseGoldenFile(const std::string& text, std::string& error) {
    GoldenFile file;
    std::vector<std::string> lines = splitLines(text);
    size_t i = 0;
    for (; i < lines.size() && !isDirective(lines[i]); ++i) {
        if (lines[i] == "load empty") file.loadBundled = false;
        if (lines[i].rfind("max-derived ", 0) == 0)
            file.maxDerived = std::stoul(lines[i].substr(12));
        file.header.push_back(lines[i]);
    }
    std::vector<std::string> comments;
    while (i < lines.size()) {
        if (lines[i].empty()) {
            ++i;
            continue;
        }
        if (lines[i][0] == '#') {
            comments.push_back(lines[i++]);
            continue;
        }
        if (!isDirective(lines[i])) {
            error = "line " + std::to_string(i + 1) + ": expected 'statement ok', 'statement " +
                    "error' or 'query', found '" + lines[i] + "'";
            return file;
        }
        Record record;
        record.comments = std::move(comments);
        comments.clear();
        record.line = static_cast<int>(i + 1);
        record.directive = lines[i++];
        splitLogClock(record.directive, record);
        for (; i < lines.size() && !lines[i].empty() && lines[i] != "----"; ++i)
            record.input += lines[i] + "\n";
        if (i < lines.size() && lines[i] == "----") {
            record.hasExpected = true;
            for (++i; i < lines.size() && !lines[i].empty(); ++i)
                record.expected += lines[i] + "\n";
        }
        file.records.push_back(std::move(record));
    }
    return file;
}

GoldenFile parseMarkdownFile(const std::string& text, std::string& error) {
    GoldenFile file;
    file.markdown = true;
    file.lines = splitLines(text);
    const std::vector<std::string>& lines = file.lines;
    auto blockEnd = [&](size_t open) {
        size_t i = open + 1;
        while (i < lines.size() && lines[i] != "```")
            ++i;
        return i;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "```chipgraph" && lines[i].rfind("```chipgraph at ", 0) != 0) continue;
        size_t end = blockEnd(i);
        if (end == lines.size()) {
            error = "line " + std::to_string(i + 1) + ": unclosed ```chipgraph block";
            return file;
        }
        Record record;
        record.line = static_cast<int>(i + 1);
        std::string fence = lines[i];
        splitLogClock(fence, record);
        for (size_t k = i + 1; k < end; ++k)
            record.input += lines[k] + "\n";
        size_t next = end + 1;
        while (next < lines.size() && lines[next].empty())
            ++next;
        record.directive = "statement ok";
        std::pair<size_t, size_t> outputLines{0, 0};
        // "```output json" (or csv, markdown, jsonl) shows the answer in that format.
        bool output = next < lines.size() && lines[next].rfind("```output", 0) == 0;
        if (output || (next < lines.size() && lines[next] == "```error")) {
            record.directive = output
                                   ? "query" + lines[next].substr(std::string("```output").size())
                                   : "statement error";
            record.hasExpected = true;
            size_t outputEnd = blockEnd(next);
            for (size_t k = next + 1; k < outputEnd; ++k)
                record.expected += lines[k] + "\n";
            outputLines = {next + 1, outputEnd};
            end = outputEnd;
        }
        file.records.push_back(std::move(record));
        file.outputBlocks.push_back(outputLines);
        i = end;
    }
    return file;
}

static std::string writeMarkdownFile(const GoldenFile& file) {
    std::string out;
    size_t record = 0;
    for (size_t i = 0; i < file.lines.size(); ++i) {
        while (record < file.records.size() && file.outputBlocks[record].second == 0)
            ++record;
        if (record < file.records.size() && i == file.outputBlocks[record].first) {
            out += file.records[record].actual;
            i = file.outputBlocks[record].second - 1; // resume at the closing fence
            ++record;
            continue;
        }
        out += file.lines[i] + "\n";
    }
    return out;
}

std::string writeGoldenFile(const GoldenFile& file) {
    if (file.markdown) return writeMarkdownFile(file);
    std::string out;
    for (const std::string& line : file.header)
        out += line + "\n";
    for (const Record& r : file.records) {
        if (!out.empty() && out.substr(out.size() - 2) != "\n\n") out += "\n";
        for (const std::string& c : r.comments)
            out += c + "\n";
        out += r.directive + r.logClock + "\n" + r.input;
        bool wantsOutput = r.directive != "statement ok";
        if (wantsOutput) out += "----\n" + r.actual;
    }
    return out;
}

} // namespace chipgraph::golden
