#pragma once
// A region of source text, for diagnostics and for the AST. Lines and columns are 1-based;
// columns count Unicode code points. `end*` point one past the last character.
#include <memory>
#include <string>

namespace chipgraph {

struct SourceSpan {
    std::shared_ptr<const std::string> file; // display name, e.g. "graph/chips.kg" or "<stdin>"
    int line = 0;
    int column = 0;
    int endLine = 0;
    int endColumn = 0;

    bool valid() const { return line > 0; }
    const std::string& fileName() const {
        static const std::string kNone = "<input>";
        return file ? *file : kNone;
    }
    // Orders spans by file position, for sorting diagnostics.
    bool operator<(const SourceSpan& other) const {
        if (line != other.line) return line < other.line;
        return column < other.column;
    }
};

} // namespace chipgraph
