#pragma once
// Diagnostics: what went wrong, where, and how to fix it. Collected as values, rendered once
// at the edge (cli/repl) in GCC style so editors can jump to them.
#include "common/source_span.h"

#include <map>
#include <string>
#include <vector>

namespace chipgraph {

enum class Severity { Error, Warning, Note };
enum class Phase { Syntax, Bind, Eval, Store, Io };

struct Diagnostic {
    Severity severity = Severity::Error;
    Phase phase = Phase::Bind;
    std::string message; // lowercase, quotes names: "unknown entity 'Tranium3'"
    SourceSpan span;
    std::string hint;               // e.g. "did you mean 'Trainium3'?" (printed after message)
    std::vector<std::string> notes; // extra lines: "note: ..."
};

Diagnostic makeError(Phase phase, std::string message, SourceSpan span, std::string hint = "");

// Sorts by position (stable), so a file's errors read top to bottom.
void sortByPosition(std::vector<Diagnostic>& diagnostics);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

// Source texts by file display name, so the renderer can quote the offending line.
using SourceTexts = std::map<std::string, std::string>;

// Renders `file:line:col: error: message; hint`, the source line and carets under the span.
// Falls back to `error: message` when the span is unknown.
std::string renderDiagnostic(const Diagnostic& diagnostic, const SourceTexts& sources);

} // namespace chipgraph
