#pragma once
// The parser's front door: text in, our AST out. Only this folder sees ANTLR.
#include "ast/ast.h"
#include "common/diagnostic.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::parse {

struct ParseResult {
    ast::Program program; // empty when there are syntax errors: a bad tree is never transformed
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

// Parentheses nest at most this deep, and an expression has at most kMaxOperators operators:
// deeper input is an error, not a stack overflow (docs/limits.md).
constexpr int kMaxNesting = 100;
constexpr int kMaxOperators = 1000;

// Parses a whole program. `firstLine` lets the REPL count lines over a session: the text's
// first line is reported as that line number.
ParseResult parseProgram(std::string_view text, std::shared_ptr<const std::string> fileName,
                         int firstLine = 1);

// True when `text` ends inside an unfinished statement (the REPL then asks for more lines):
// a statement without its final '.' or '?', or an open string or comment.
bool isIncomplete(std::string_view text);

} // namespace chipgraph::parse
