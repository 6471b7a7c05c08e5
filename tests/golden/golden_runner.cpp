// Runs one golden test file (see golden_file.h) against the real engine and compares the
// rendered output. `--update` rewrites the file with the actual output instead (review the
// diff like code).
#include "golden_file.h"

#include "engine/bundled_graph.h"
#include "engine/engine.h"
#include "engine/render.h"
#include "export/format.h"

#include <fstream>
#include <iostream>
#include <sstream>

using namespace chipgraph;

namespace {

// What the log records unless a record says otherwise: answers must not depend on the clock.
const char* const kLogTime = "2026-12-07T00:00:00Z";
const char* const kLogAuthor = "golden";

std::string renderOutcome(const engine::Outcome& outcome, const std::string& directive) {
    if (!outcome.ok()) return outcome.renderDiagnostics();
    exporter::Format format = exporter::Format::Table;
    for (const char* name : {"csv", "json", "jsonl", "markdown"})
        if (directive.find(name) != std::string::npos) format = exporter::parseFormat(name).value();
    bool explain = directive.find("explain") != std::string::npos;
    exporter::RenderOptions options;
    options.fullProvenance = directive.find("full") != std::string::npos; // --provenance full
    std::string out;
    if (format == exporter::Format::Json || format == exporter::Format::JsonLines)
        out = engine::renderResults(outcome.results, format, explain); // one document
    else
        for (const engine::StatementResult& result : outcome.results)
            out += engine::renderResult(result, format, explain, options);
    // `query warnings`: the warnings of statements that succeeded follow the answer.
    if (directive.find("warnings") != std::string::npos) out += outcome.renderDiagnostics();
    // CSV ends lines with CRLF (RFC 4180); golden files hold plain lines.
    std::string plain;
    for (char c : out)
        if (c != '\r') plain += c;
    return plain;
}

// Runs a record; returns "" when it behaved as its directive says, else what went wrong.
std::string runRecord(engine::Engine& engine, golden::Record& record) {
    engine.setLogTime(record.logTime.empty() ? kLogTime : record.logTime);
    engine.setLogAuthor(record.logAuthor.empty() ? kLogAuthor : record.logAuthor);
    engine::Outcome outcome = engine.run(record.input, "<input>");
    record.actual = renderOutcome(outcome, record.directive);
    bool wantError = record.directive == "statement error";
    if (record.directive == "statement ok") {
        if (!outcome.ok()) return "expected success, got:\n" + record.actual;
        if (!outcome.results.empty()) return "'statement ok' must not ask questions; use 'query'";
        return "";
    }
    if (wantError && outcome.ok()) return "expected an error, but the statements succeeded";
    if (!wantError && !outcome.ok()) return "expected an answer, got:\n" + record.actual;
    if (record.actual != record.expected)
        return "output differs\n--- expected\n" + record.expected + "--- actual\n" + record.actual;
    return "";
}

} // namespace

int main(int argc, char** argv) {
    bool update = false, fromText = false;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--update")
            update = true;
        else if (arg == "--graph-from-text")
            fromText = true;
        else
            path = arg;
    }
    // The bundled graph as the chipgraph executable loads it (its compiled snapshot), or
    // parsed from its text: both must give every answer alike.
    if (!fromText) engine::setBundledGraphImage(engine::compiledBundledGraphImage());
    if (path.empty()) {
        std::cerr << "usage: golden_runner [--update] [--graph-from-text] FILE.test\n";
        return 2;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "error: cannot read '" << path << "'\n";
        return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string parseError;
    bool markdown = path.size() > 3 && path.substr(path.size() - 3) == ".md";
    golden::GoldenFile file = markdown ? golden::parseMarkdownFile(text.str(), parseError)
                                       : golden::parseGoldenFile(text.str(), parseError);
    if (!parseError.empty()) {
        std::cerr << path << ": " << parseError << "\n";
        return 1;
    }
    auto engine = engine::Engine::open(":memory:");
    if (!engine) {
        std::cerr << engine.status().message() << "\n";
        return 1;
    }
    if (file.maxDerived) {
        engine::EngineOptions options;
        options.limits.maxDerivedFacts = file.maxDerived;
        engine.value()->setOptions(options);
    }
    engine.value()->setLogTime(kLogTime);
    engine.value()->setLogAuthor(kLogAuthor);
    if (file.loadBundled) {
        // The shipped graph must load cleanly: a warning fails every golden file too.
        engine::Outcome loaded = engine.value()->loadBundledGraph();
        if (!loaded.diagnostics.empty()) {
            std::cerr << "the bundled graph does not load cleanly:\n" << loaded.renderDiagnostics();
            return 1;
        }
    }
    int failures = 0;
    for (golden::Record& record : file.records) {
        std::string problem = runRecord(*engine.value(), record);
        // --update accepts new output, never a record that broke its directive.
        bool outputOnly = problem.rfind("output differs", 0) == 0;
        if (!problem.empty() && (!update || !outputOnly)) {
            ++failures;
            std::cerr << path << ":" << record.line << ": " << record.directive << ": " << problem
                      << "\n";
        }
    }
    if (update) {
        if (failures) return 1;
        std::ofstream(path, std::ios::binary) << golden::writeGoldenFile(file);
        std::cout << "updated " << path << "\n";
        return 0;
    }
    std::cout << file.records.size() - failures << " passed, " << failures << " failed\n";
    return failures == 0 ? 0 : 1;
}
