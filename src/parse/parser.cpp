#include "parse/parser.h"

#include "parse/error_listener.h"
#include "parse/transformer.h"

#include "common/text.h"

#include "ChipGraphLexer.h"
#include "ChipGraphParser.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace chipgraph::parse {

static SourceSpan spanAt(std::shared_ptr<const std::string> fileName, int line, int column) {
    return SourceSpan{std::move(fileName), line, column, line, column + 1};
}

// An error at the first byte of `text` that is not UTF-8, or is NUL (a name holding one could
// never be typed), if there is one. A UTF-16 file (its byte-order mark) gets its own hint.
static std::optional<Diagnostic>
checkUtf8(std::string_view text, std::shared_ptr<const std::string> fileName, int firstLine) {
    size_t offset = std::min(text::invalidUtf8Offset(text), text.find('\0'));
    if (offset == std::string_view::npos) return std::nullopt;
    std::string_view before = text.substr(0, offset);
    size_t lineStart = before.rfind('\n');
    lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
    int line = firstLine + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    int column = static_cast<int>(text::decodeUtf8(before.substr(lineStart)).size()) + 1;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(text[offset]));
    bool utf16 = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                      (text[0] == '\xFE' && text[1] == '\xFF'));
    if (text[offset] == '\0')
        return makeError(Phase::Syntax, "a NUL byte in the text",
                         spanAt(std::move(fileName), line, column), "remove it");
    return makeError(Phase::Syntax, std::string("invalid UTF-8 (byte ") + byte + ")",
                     spanAt(std::move(fileName), line, column),
                     utf16 ? "the text is UTF-16; save it as UTF-8" : "save the text as UTF-8");
}

// An error at the first parenthesis nested deeper than kMaxNesting, if there is one.
static std::optional<Diagnostic> checkNesting(antlr4::CommonTokenStream& tokens,
                                              std::shared_ptr<const std::string> fileName,
                                              int firstLine) {
    tokens.fill();
    int depth = 0;
    for (antlr4::Token* token : tokens.getTokens()) {
        std::string symbol = token->getType() == antlr4::Token::EOF ? "" : token->getText();
        if (symbol == ")" && depth > 0) --depth;
        if (symbol != "(" || ++depth <= kMaxNesting) continue;
        return makeError(
            Phase::Syntax, "parentheses nested more than " + std::to_string(kMaxNesting) + " deep",
            spanAt(std::move(fileName), firstLine - 1 + static_cast<int>(token->getLine()),
                   static_cast<int>(token->getCharPositionInLine()) + 1),
            "split the expression into steps");
    }
    tokens.seek(0);
    return std::nullopt;
}

// The standard ANTLR speed-up: try the faster SLL prediction, bailing out at the first syntax
// error; only if it fails (a real error, or an input SLL cannot decide) parse again with full
// LL and the error listener, so diagnostics are exactly those of an LL parse. Lexer errors are
// reported once: the token stream keeps the tokens of the first pass.
static gen::ChipGraphParser::ProgramContext* parseTwoStage(gen::ChipGraphParser& parser,
                                                           antlr4::CommonTokenStream& tokens,
                                                           antlr4::ANTLRErrorListener& listener) {
    auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.removeErrorListeners();
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
        return parser.program();
    } catch (const antlr4::ParseCancellationException&) {
    }
    tokens.seek(0);
    parser.reset();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.addErrorListener(&listener);
    return parser.program();
}

// A Chinese question may end with the full-width question mark (谁设计Trainium3？): it reads as
// '?' outside strings. One code point for another, so every column stays where it was.
static std::string withPlainQuestionMarks(std::string_view text) {
    static constexpr std::string_view kFullWidth = "\xEF\xBC\x9F"; // U+FF1F
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (inString && c == '\\' && i + 1 < text.size()) {
            out += c;
            out += text[++i];
            continue;
        }
        if (c == '"' || (inString && c == '\n')) inString = c == '"' && !inString;
        if (!inString && text.compare(i, kFullWidth.size(), kFullWidth) == 0) {
            out += '?';
            i += kFullWidth.size() - 1;
            continue;
        }
        out += c;
    }
    return out;
}

ParseResult parseProgram(std::string_view text, std::shared_ptr<const std::string> fileName,
                         int firstLine) {
    ParseResult result;
    // ANTLR's input stream throws on invalid UTF-8: check it first, and say where.
    if (std::optional<Diagnostic> invalid = checkUtf8(text, fileName, firstLine)) {
        result.diagnostics.push_back(std::move(*invalid));
        return result;
    }
    antlr4::ANTLRInputStream input{withPlainQuestionMarks(text)};
    gen::ChipGraphLexer lexer(&input);
    antlr4::CommonTokenStream tokens(&lexer);
    gen::ChipGraphParser parser(&tokens);
    ErrorListener listener(fileName, firstLine - 1, result.diagnostics);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    // The parser recurses once per parenthesis: deep nesting is refused before it overflows
    // the stack.
    if (std::optional<Diagnostic> deep = checkNesting(tokens, fileName, firstLine)) {
        result.diagnostics.push_back(std::move(*deep));
        return result;
    }
    gen::ChipGraphParser::ProgramContext* tree = parseTwoStage(parser, tokens, listener);
    if (!result.ok()) return result;
    Transformer transformer(fileName, firstLine - 1);
    result.program = transformer.transformProgram(tree);
    for (Diagnostic& d : transformer.diagnostics())
        result.diagnostics.push_back(std::move(d));
    return result;
}

bool isIncomplete(std::string_view text) {
    // Invalid UTF-8 is complete: running it reports the error (ANTLR would throw).
    if (text::invalidUtf8Offset(text) != std::string_view::npos) return false;
    antlr4::ANTLRInputStream input{withPlainQuestionMarks(text)};
    gen::ChipGraphLexer lexer(&input);
    lexer.removeErrorListeners();
    std::vector<std::unique_ptr<antlr4::Token>> all = lexer.getAllTokens();
    // An open string or block comment lexes as a lone '"' or '/' token.
    size_t last = antlr4::Token::INVALID_TYPE;
    std::string lastText;
    for (const auto& token : all) {
        if (token->getType() == gen::ChipGraphLexer::UNKNOWN && token->getText() == "\"")
            return true;
        last = token->getType();
        lastText = token->getText();
    }
    if (all.empty()) return false;
    size_t open = text.rfind("/*"), close = text.rfind("*/");
    if (open != std::string_view::npos && (close == std::string_view::npos || close < open))
        return true;
    return !(last == gen::ChipGraphLexer::END || lastText == "?");
}

} // namespace chipgraph::parse
