#pragma once
// How and where the REPL prints results: the output mode and options (`.mode`, `.headers`,
// `.timer`, `.show`) and the destination (the screen, a file until `.output` is reset, or a
// file for the next result only with `.once`).
#include "common/status.h"
#include "export/format.h"

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

namespace chipgraph::repl {

struct OutputSettings {
    exporter::Format mode = exporter::Format::Table;
    bool headers = true;
    bool timer = false;
    bool showAst = false;        // print each statement back from its AST before running it
    bool showPlan = false;       // print each query's join plan before its answer
    bool showProvenance = false; // also one source column per atom (`--provenance full`)
    // On a terminal only (never in a file or a pipe): page tall results, show at most maxRows
    // rows of a table (0: all), fit tables in maxWidth columns (0: the terminal's width).
    bool pager = true;
    size_t maxRows = 40;
    int maxWidth = 0;
};

class Output {
public:
    explicit Output(std::ostream& console) : console_(console) {}
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    // Where results go now.
    std::ostream& stream() { return file_ ? *file_ : console_; }
    // The screen (stdout), whatever the redirection.
    std::ostream& console() { return console_; }
    // True while results go to a file (`.output`, `.once`).
    bool redirected() const { return file_ != nullptr; }

    // Sends results to `path` (created or truncated): until reset() or, with `once`, for the
    // next result only. An error names the file; the previous destination is then kept.
    Status redirect(const std::string& path, bool once);
    void reset();
    // Called after each result is printed: ends a `.once` redirection.
    void resultDone();
    // "stdout", or the file name (with "(once)").
    std::string describe() const;

private:
    std::ostream& console_;
    std::unique_ptr<std::ofstream> file_;
    std::string path_;
    bool once_ = false;
};

} // namespace chipgraph::repl
