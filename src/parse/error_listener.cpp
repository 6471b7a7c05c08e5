#include "parse/error_listener.h"

#include "common/text.h"

#include "ChipGraphLexer.h"
#include "ChipGraphParser.h"

namespace chipgraph::parse {

using gen::ChipGraphParser;

namespace {

const std::vector<std::string> kStatementKeywords = {"type",    "relation", "entity", "source",
                                                     "retract", "who",      "what",   "which"};

std::string displayToken(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
    switch (type) {
    case antlr4::Token::EOF:
        return "end of input";
    case ChipGraphParser::IDENT:
        return "a name";
    case ChipGraphParser::STRING:
        return "a string";
    case ChipGraphParser::INT:
        return "a number";
    case ChipGraphParser::DECIMAL:
        return "a number";
    case ChipGraphParser::DATE:
        return "a date";
    default:
        return vocabulary.getDisplayName(type);
    }
}

std::string tokenText(antlr4::Token* token) {
    if (!token || token->getType() == antlr4::Token::EOF) return "end of input";
    std::string quoted = "'"; // (appended: g++ 12 warns falsely on "'" + std::string&&)
    quoted += token->getText();
    return quoted + "'";
}

bool endsStatement(antlr4::Token* token) {
    return !token || token->getType() == ChipGraphParser::END || token->getText() == "?";
}

// Whether a token can be the last of a statement (so a '.' may belong after it).
bool couldEnd(antlr4::Token* token) {
    std::string text = token->getText();
    return text == ")" || text == "}" || token->getType() == ChipGraphParser::IDENT ||
           token->getType() == ChipGraphParser::STRING ||
           token->getType() == ChipGraphParser::INT || token->getType() == ChipGraphParser::DATE ||
           token->getType() == ChipGraphParser::DECIMAL;
}

// Whether the tokens at `i` look like the start of a statement: a statement keyword, a
// prefix fact `name(`, or an infix fact `name verb`.
bool startsStatement(antlr4::TokenStream* tokens, size_t i) {
    antlr4::Token* token = tokens->get(i);
    switch (token->getType()) {
    case ChipGraphParser::TYPE:
    case ChipGraphParser::RELATION:
    case ChipGraphParser::ENTITY:
    case ChipGraphParser::SOURCE:
    case ChipGraphParser::RULE:
    case ChipGraphParser::RETRACT:
    case ChipGraphParser::WHO:
    case ChipGraphParser::WHAT:
    case ChipGraphParser::WHICH:
    case ChipGraphParser::WHY:
    case ChipGraphParser::EXPLAIN:
    case ChipGraphParser::IMPORT:
        return true;
    default:
        break;
    }
    if (token->getText() == "?") return true;
    bool name =
        token->getType() == ChipGraphParser::IDENT || token->getType() == ChipGraphParser::STRING;
    if (!name || i + 1 >= tokens->size()) return false;
    antlr4::Token* next = tokens->get(i + 1);
    return next->getText() == "(" || next->getType() == ChipGraphParser::IDENT;
}

// Token texts joined as the language is written: a space between words, none before ',', ')'
// or '?' and none after '('.
std::string joinTokens(antlr4::TokenStream* tokens, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) {
        std::string text = tokens->get(i)->getText();
        bool tight = text == "," || text == ")" || text == "(" || text == "." ||
                     (text == "?" && i > from) || (!out.empty() && out.back() == '(');
        if (!out.empty() && !tight) out += ' ';
        out += text;
    }
    return out;
}

// Whether a statement starting with `token` reads as a question: who, what, which, when, how,
// or a word in another script (谁设计X?).
bool startsQuestion(antlr4::Token* token) {
    std::string text = text::foldCase(token->getText());
    return token->getType() == ChipGraphParser::WHO || token->getType() == ChipGraphParser::WHAT ||
           token->getType() == ChipGraphParser::WHICH || text == "when" || text == "how" ||
           (token->getType() == ChipGraphParser::IDENT &&
            static_cast<unsigned char>(text[0]) >= 0x80);
}

bool isModifierStart(antlr4::Token* token) {
    switch (token->getType()) {
    case ChipGraphParser::IN:
    case ChipGraphParser::AS:
    case ChipGraphParser::DURING:
    case ChipGraphParser::KNOWN:
    case ChipGraphParser::RECORDED:
    case ChipGraphParser::ORDER:
    case ChipGraphParser::LIMIT:
        return true;
    default:
        return false;
    }
}

// The index of the first token of the statement holding `offending`.
size_t statementStart(antlr4::TokenStream* tokens, antlr4::Token* offending) {
    size_t start = offending->getTokenIndex();
    while (start > 0 && !endsStatement(tokens->get(start - 1)))
        --start;
    // A query's leading '?' ends nothing: it starts the statement.
    bool leadingQuestionMark = start > 0 && tokens->get(start - 1)->getText() == "?" &&
                               (start == 1 || endsStatement(tokens->get(start - 2)));
    return leadingQuestionMark ? start - 1 : start;
}

// The index just past the statement holding `at` (its '.' or '?' included when there).
size_t statementEnd(antlr4::TokenStream* tokens, size_t at) {
    size_t end = at;
    while (end < tokens->size() && tokens->get(end)->getType() != antlr4::Token::EOF &&
           !endsStatement(tokens->get(end)))
        ++end;
    return end < tokens->size() && tokens->get(end)->getType() != antlr4::Token::EOF ? end + 1
                                                                                     : end;
}

// `? shipments(V, U) in 2026, U > 1000000.`: the modifiers moved after the last condition.
std::string misplacedModifier(antlr4::TokenStream* tokens, antlr4::Token* offending) {
    if (offending->getText() != ",") return "";
    size_t start = statementStart(tokens, offending), comma = offending->getTokenIndex();
    if (tokens->get(start)->getText() != "?") return "";
    size_t modifier = comma;
    int depth = 0;
    for (size_t i = start; i < comma && modifier == comma; ++i) {
        std::string text = tokens->get(i)->getText();
        depth += text == "(" || text == "{" ? 1 : text == ")" || text == "}" ? -1 : 0;
        if (depth == 0 && isModifierStart(tokens->get(i))) modifier = i;
    }
    if (modifier == comma) return "";
    size_t end = statementEnd(tokens, comma);
    bool closed = end > comma && endsStatement(tokens->get(end - 1));
    std::string fixed = joinTokens(tokens, start, modifier) +
                        joinTokens(tokens, comma, closed ? end - 1 : end) + " " +
                        joinTokens(tokens, modifier, comma) + ".";
    return "modifiers (in, as of, during, known at, order by, limit) come after every condition: " +
           fixed;
}

// `? sum(U) by V : shipments(V, U).`: a head names the groups as variables, SQL's GROUP BY
// as `? V, sum(U): shipments(V, U).`
std::string groupByHead(antlr4::TokenStream* tokens, antlr4::Token* offending) {
    if (text::foldCase(offending->getText()) != "by") return "";
    size_t start = statementStart(tokens, offending), by = offending->getTokenIndex();
    if (tokens->get(start)->getText() != "?") return "";
    size_t colon = by;
    while (colon < tokens->size() && tokens->get(colon)->getText() != ":" &&
           tokens->get(colon)->getType() != antlr4::Token::EOF &&
           !endsStatement(tokens->get(colon)))
        ++colon;
    if (colon >= tokens->size() || tokens->get(colon)->getText() != ":") return "";
    return "a question's head names its groups as variables: ? " +
           joinTokens(tokens, by + 1, colon) + ", " + joinTokens(tokens, start + 1, by) + ": " +
           joinTokens(tokens, colon + 1, statementEnd(tokens, colon));
}

// `diff 2025-06 .. 2026-06.`: what changed over the whole graph is `changes`.
std::string diffStatement(antlr4::TokenStream* tokens, antlr4::Token* offending) {
    size_t start = statementStart(tokens, offending);
    if (text::foldCase(tokens->get(start)->getText()) != "diff" ||
        offending->getTokenIndex() != start + 1)
        return "";
    size_t end = statementEnd(tokens, start);
    return "what changed between two dates is 'changes known at D1 .. D2.' (a query's changes: "
           "'? QUERY diff known at D1 .. D2.'): changes known at " +
           joinTokens(tokens, start + 1, end);
}

// The fix for a mistake new users make, or "" when the offending token is not one.
std::string teachingHint(antlr4::Parser* parser, antlr4::Token* offending) {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    // The hints read the rest of the statement: lex all of it now (the parser would anyway).
    if (auto* buffered = dynamic_cast<antlr4::BufferedTokenStream*>(tokens)) buffered->fill();
    std::string text = offending->getText();
    if (text == "and" || text == "AND") {
        size_t start = statementStart(tokens, offending), at = offending->getTokenIndex();
        return "conditions are joined with ',': " + joinTokens(tokens, start, at) + "," + " " +
               joinTokens(tokens, at + 1, statementEnd(tokens, at));
    }
    if (text == "'") {
        size_t close = offending->getTokenIndex() + 1;
        while (close < tokens->size() && tokens->get(close)->getText() != "'" &&
               tokens->get(close)->getType() != antlr4::Token::EOF)
            ++close;
        std::string inside = joinTokens(tokens, offending->getTokenIndex() + 1, close);
        return "names and texts are quoted with double quotes: \"" + inside + "\"";
    }
    // `why designs(A, B).`: a why question ends with '?' like any question.
    if (offending->getType() == ChipGraphParser::END &&
        tokens->get(statementStart(tokens, offending))->getType() == ChipGraphParser::WHY)
        return "a 'why' question ends with '?': " +
               joinTokens(tokens, statementStart(tokens, offending), offending->getTokenIndex()) +
               "?";
    if (std::string hint = groupByHead(tokens, offending); !hint.empty()) return hint;
    if (std::string hint = diffStatement(tokens, offending); !hint.empty()) return hint;
    return misplacedModifier(tokens, offending);
}

} // namespace

// One error per line, the first: ANTLR's recovery can report a problem twice or cascade, and
// an error at the end of input is moved back to the line of the last token (a text ending with a
// newline has its end of input on the next line, past syntaxError's check).
void ErrorListener::push(Diagnostic diagnostic) {
    for (const Diagnostic& d : out_)
        if (d.span.line == diagnostic.span.line) return;
    out_.push_back(std::move(diagnostic));
}

SourceSpan ErrorListener::spanOf(antlr4::Token* token) const {
    SourceSpan span;
    span.file = file_;
    span.line = static_cast<int>(token->getLine()) + lineOffset_;
    span.column = static_cast<int>(token->getCharPositionInLine()) + 1;
    span.endLine = span.line;
    size_t width =
        token->getType() == antlr4::Token::EOF ? 1 : text::decodeUtf8(token->getText()).size();
    span.endColumn = span.column + static_cast<int>(std::max<size_t>(width, 1));
    return span;
}

std::string ErrorListener::describeExpected(antlr4::Parser* parser) const {
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    std::vector<std::string> names;
    for (size_t type : expected.toList()) {
        std::string name = displayToken(parser->getVocabulary(), type);
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    if (names.empty() || names.size() > 5) return "";
    std::string out = "expected ";
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

// A statement whose next token starts on a later line (or is the end of input) most likely
// lacks its final '.': point just after the last token of the statement.
// A statement whose next token starts on a later line (or is the end of input) most likely
// lacks its final '.' (or '?' for a question): point just after its last token. If the error
// comes later, the statement's first line break marks where the next statement began.
bool ErrorListener::explainMissingEnd(antlr4::Parser* parser, antlr4::Token* offending) {
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    antlr4::TokenStream* tokens = parser->getTokenStream();
    if (offending->getTokenIndex() == 0) return false;
    // Any words may be a phrase question, so '?' is expected after most names: count it only
    // when the statement starts like a question.
    bool question = false;
    if (startsQuestion(tokens->get(statementStart(tokens, offending))))
        for (size_t type : expected.toList())
            question = question || parser->getVocabulary().getLiteralName(type) == "'?'";
    antlr4::Token* previous = tokens->get(offending->getTokenIndex() - 1);
    bool endExpected = question || expected.contains(static_cast<size_t>(ChipGraphParser::END));
    bool nextLine =
        offending->getType() == antlr4::Token::EOF || offending->getLine() > previous->getLine();
    if (!endExpected || !nextLine) {
        // `x(A)` + newline + `x(B).`: the error is at '(' on line 2; the break before `x` is
        // where the '.' went missing.
        size_t start = offending->getTokenIndex();
        while (start > 0 && !endsStatement(tokens->get(start - 1)))
            --start;
        size_t breakAt = 0;
        for (size_t i = start + 1; i <= offending->getTokenIndex() && !breakAt; ++i)
            if (tokens->get(i)->getLine() > tokens->get(i - 1)->getLine() &&
                couldEnd(tokens->get(i - 1)) && startsStatement(tokens, i))
                breakAt = i;
        if (!breakAt || offending->getType() == antlr4::Token::EOF) return false;
        previous = tokens->get(breakAt - 1);
        question = startsQuestion(tokens->get(start));
    }
    SourceSpan span = spanOf(previous);
    span.column = span.endColumn;
    span.endColumn = span.column + 1;
    push(makeError(Phase::Syntax,
                   question ? "missing '?' at the end of the question"
                            : "missing '.' at the end of the statement",
                   span, "every statement ends with '.' (questions with '?')"));
    return true;
}

// `entiy Foo: Vendor.` first fails at ':' (it reads like an infix fact), so look at the first
// token of the statement: a name close to a statement keyword is the likely culprit.
bool ErrorListener::explainMisspeltKeyword(antlr4::Parser* parser, antlr4::Token* offending) {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    size_t start = offending->getTokenIndex();
    while (start > 0 && !endsStatement(tokens->get(start - 1)))
        --start;
    antlr4::Token* first = tokens->get(start);
    if (first->getType() != ChipGraphParser::IDENT) return false;
    std::string guess = text::nearestName(first->getText(), kStatementKeywords);
    if (guess.empty() || guess == first->getText()) return false;
    push(makeError(Phase::Syntax, "unknown keyword '" + first->getText() + "'", spanOf(first),
                   "did you mean '" + guess + "'?"));
    return true;
}

void ErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                size_t line, size_t column, const std::string& message,
                                std::exception_ptr) {
    // One error per line: ANTLR's recovery tends to cascade. An error at the end of input is
    // shown on the line of the last token (so `who designs 'Maia 200'?` + newline gets one).
    int reportedLine = static_cast<int>(line) + lineOffset_;
    if (offending && offending->getType() == antlr4::Token::EOF && offending->getTokenIndex() > 0)
        if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer))
            reportedLine =
                static_cast<int>(
                    parser->getTokenStream()->get(offending->getTokenIndex() - 1)->getLine()) +
                lineOffset_;
    for (const Diagnostic& d : out_)
        if (d.span.line == reportedLine) return;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (!parser || !offending) {
        SourceSpan span{file_, reportedLine, static_cast<int>(column) + 1, reportedLine,
                        static_cast<int>(column) + 2};
        push(makeError(Phase::Syntax, message, span));
        return;
    }
    if (explainMissingEnd(parser, offending)) return;
    if (explainMisspeltKeyword(parser, offending)) return;
    antlr4::TokenStream* tokens = parser->getTokenStream();
    antlr4::Token* previous =
        offending->getTokenIndex() > 0 ? tokens->get(offending->getTokenIndex() - 1) : nullptr;

    std::string hint = describeExpected(parser);
    if (offending->getText() == "\"") hint = "unterminated string: close it with '\"'";
    if (offending->getText() == "=" && previous && previous->getText() == ")")
        hint = "rules use ':-' between head and body";
    if (std::string teach = teachingHint(parser, offending); !teach.empty()) hint = teach;
    SourceSpan span = spanOf(offending);
    if (offending->getType() == antlr4::Token::EOF && previous) {
        // Point just past the last token rather than at an empty line.
        span = spanOf(previous);
        span.column = span.endColumn;
        span.endColumn = span.column + 1;
    }
    push(makeError(Phase::Syntax, "unexpected " + tokenText(offending), span, hint));
}

} // namespace chipgraph::parse
