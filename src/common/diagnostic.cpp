#include "common/diagnostic.h"

#include "common/text.h"

#include <algorithm>
#include <optional>
#include <sstream>

namespace chipgraph {

Diagnostic makeError(Phase phase, std::string message, SourceSpan span, std::string hint) {
    Diagnostic d;
    d.phase = phase;
    d.message = std::move(message);
    d.span = std::move(span);
    d.hint = std::move(hint);
    return d;
}

void sortByPosition(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.span < b.span; });
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

static const char* severityName(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

// The text of a 1-based line, or nullopt when the source has fewer lines.
static std::optional<std::string> lineOf(const std::string& source, int lineNumber) {
    size_t start = 0;
    for (int line = 1; line < lineNumber; ++line) {
        size_t nl = source.find('\n', start);
        if (nl == std::string::npos) return std::nullopt;
        start = nl + 1;
    }
    size_t end = source.find('\n', start);
    std::string line = source.substr(start, end == std::string::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The caret line: spaces up to the span start (tabs kept so columns align), then one '^' per
// display column of the spanned text (at least one).
static std::string caretLine(const std::string& line, const SourceSpan& span) {
    size_t begin = text::byteOffsetOfColumn(line, span.column);
    size_t end =
        span.endLine == span.line ? text::byteOffsetOfColumn(line, span.endColumn) : line.size();
    // Wide characters before the caret take two columns.
    std::string widthPrefix;
    for (size_t i = 0; i < begin;) {
        size_t next = text::byteOffsetOfColumn(line.substr(i), 2) + i;
        std::string ch = line.substr(i, next - i);
        widthPrefix += ch == "\t" ? std::string("\t") : std::string(text::displayWidth(ch), ' ');
        i = next;
    }
    int carets = end > begin ? text::displayWidth(line.substr(begin, end - begin)) : 1;
    return widthPrefix + std::string(std::max(1, carets), '^');
}

std::string renderDiagnostic(const Diagnostic& d, const SourceTexts& sources) {
    std::ostringstream out;
    if (d.span.valid())
        out << d.span.fileName() << ':' << d.span.line << ':' << d.span.column << ": ";
    out << severityName(d.severity) << ": " << d.message;
    if (!d.hint.empty()) out << "; " << d.hint;
    out << '\n';
    auto it = d.span.valid() ? sources.find(d.span.fileName()) : sources.end();
    std::optional<std::string> line;
    if (it != sources.end()) line = lineOf(it->second, d.span.line);
    if (line) out << "    " << *line << '\n' << "    " << caretLine(*line, d.span) << '\n';
    for (const std::string& note : d.notes)
        out << "note: " << note << '\n';
    return out.str();
}

} // namespace chipgraph
