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

// The length of the UTF-8 character starting at line[i] (1 for a stray byte).
static size_t charLength(const std::string& line, size_t i) {
    size_t next = i + 1;
    while (next < line.size() && (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80)
        ++next;
    return next - i;
}

// The caret line for the bytes [begin, end) of `line`: spaces up to the span start (tabs kept
// so columns align, wide characters two), then one '^' per display column (at least one).
static std::string caretLine(const std::string& line, size_t begin, size_t end) {
    std::string prefix;
    for (size_t i = 0; i < begin;) {
        size_t length = charLength(line, i);
        prefix += line[i] == '\t' ? std::string("\t")
                                  : std::string(text::displayWidth(line.substr(i, length)), ' ');
        i += length;
    }
    int carets = end > begin ? text::displayWidth(line.substr(begin, end - begin)) : 1;
    return prefix + std::string(std::max(1, carets), '^');
}

// Start of the character that holds byte `i`.
static size_t charStart(const std::string& line, size_t i) {
    while (i > 0 && i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

// The source line and its caret line. A long line is shown as a window around the span
// (a megabyte on one line must not be echoed, nor take quadratic time).
static std::string quoteLine(std::string line, const SourceSpan& span) {
    constexpr size_t kContext = 60, kMaxShown = 160;
    line = text::sanitizeUtf8(line);
    size_t begin = text::byteOffsetOfColumn(line, span.column);
    size_t end =
        span.endLine == span.line ? text::byteOffsetOfColumn(line, span.endColumn) : line.size();
    end = std::max(end, begin);
    if (line.size() > kMaxShown) {
        size_t from = charStart(line, begin > kContext ? begin - kContext : 0);
        size_t to = charStart(line, std::min(line.size(), std::max(end, begin + 1) + kContext));
        to = std::min(to, charStart(line, from + kMaxShown));
        if (to <= begin) to = std::min(line.size(), begin + charLength(line, begin));
        std::string head = from > 0 ? "..." : "", tail = to < line.size() ? "..." : "";
        line = head + line.substr(from, to - from) + tail;
        begin = begin - from + head.size();
        end = std::min(end, to) - from + head.size();
    }
    return "    " + line + "\n    " + caretLine(line, begin, end) + "\n";
}

// `text` with each word (a run without spaces) longer than kMaxWord bytes cut in its middle:
// a message quoting a name a megabyte long shows its ends.
static std::string shortenLongWords(const std::string& text) {
    constexpr size_t kMaxWord = 64, kKept = 28;
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        if (end - start <= kMaxWord) {
            out.append(text, start, end - start);
        } else {
            size_t head = charStart(text, start + kKept), tail = charStart(text, end - kKept);
            out.append(text, start, head - start).append("...").append(text, tail, end - tail);
        }
        if (end < text.size()) out += ' ';
        start = end + 1;
    }
    return out;
}

std::string renderDiagnostic(const Diagnostic& d, const SourceTexts& sources) {
    std::ostringstream out;
    if (d.span.valid())
        out << d.span.fileName() << ':' << d.span.line << ':' << d.span.column << ": ";
    out << severityName(d.severity) << ": " << shortenLongWords(d.message);
    if (!d.hint.empty()) out << "; " << shortenLongWords(d.hint);
    out << '\n';
    auto it = d.span.valid() ? sources.find(d.span.fileName()) : sources.end();
    std::optional<std::string> line;
    if (it != sources.end()) line = lineOf(it->second, d.span.line);
    if (line) out << quoteLine(std::move(*line), d.span);
    for (const std::string& note : d.notes)
        out << "note: " << note << '\n';
    return out.str();
}

} // namespace chipgraph
