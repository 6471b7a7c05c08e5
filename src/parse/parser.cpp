#include "parse/parser.h"

#include "parse/error_listener.h"
#include "parse/transformer.h"

#include "ChipGraphLexer.h"
#include "ChipGraphParser.h"

namespace chipgraph::parse {

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

ParseResult parseProgram(std::string_view text, std::shared_ptr<const std::string> fileName,
                         int firstLine) {
    ParseResult result;
    antlr4::ANTLRInputStream input{std::string(text)};
    gen::ChipGraphLexer lexer(&input);
    antlr4::CommonTokenStream tokens(&lexer);
    gen::ChipGraphParser parser(&tokens);
    ErrorListener listener(fileName, firstLine - 1, result.diagnostics);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    gen::ChipGraphParser::ProgramContext* tree = parseTwoStage(parser, tokens, listener);
    if (!result.ok()) return result;
    Transformer transformer(fileName, firstLine - 1);
    result.program = transformer.transformProgram(tree);
    for (Diagnostic& d : transformer.diagnostics())
        result.diagnostics.push_back(std::move(d));
    return result;
}

bool isIncomplete(std::string_view text) {
    antlr4::ANTLRInputStream input{std::string(text)};
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
