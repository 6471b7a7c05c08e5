#pragma once
// Turns ANTLR's syntax errors into Diagnostics with friendly messages: a missing final '.',
// a misspelt keyword at the start of a statement, `=` where `:-` belongs.
#include "common/diagnostic.h"

#include <antlr4-runtime.h>

#include <memory>
#include <vector>

namespace chipgraph::parse {

class ErrorListener : public antlr4::BaseErrorListener {
public:
    ErrorListener(std::shared_ptr<const std::string> file, int lineOffset,
                  std::vector<Diagnostic>& out)
        : file_(std::move(file)), lineOffset_(lineOffset), out_(out) {}

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                     size_t column, const std::string& message, std::exception_ptr error) override;

private:
    SourceSpan spanOf(antlr4::Token* token) const;
    void push(Diagnostic diagnostic);
    std::string describeExpected(antlr4::Parser* parser) const;
    bool explainMissingEnd(antlr4::Parser* parser, antlr4::Token* offending);
    bool explainMisspeltKeyword(antlr4::Parser* parser, antlr4::Token* offending);

    std::shared_ptr<const std::string> file_;
    int lineOffset_;
    std::vector<Diagnostic>& out_;
};

} // namespace chipgraph::parse
