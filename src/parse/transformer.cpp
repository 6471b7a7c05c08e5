#include "parse/transformer.h"

#include "common/text.h"

#include <cmath>
#include <cstdlib>

namespace chipgraph::parse {

ast::Program Transformer::transformProgram(P::ProgramContext* ctx) {
    ast::Program program;
    for (P::StatementContext* s : ctx->statement())
        program.statements.push_back(transformStatement(s));
    return program;
}

ast::Statement Transformer::transformStatement(P::StatementContext* ctx) {
    ast::Statement out;
    out.span = span(ctx);
    if (auto* c = ctx->typeDecl())
        out.node = transformTypeDecl(c);
    else if (auto* c = ctx->relationDecl())
        out.node = transformRelationDecl(c);
    else if (auto* c = ctx->entityDecl())
        out.node = transformEntityDecl(c);
    else if (auto* c = ctx->sourceDecl())
        out.node = transformSourceDecl(c);
    else if (auto* c = ctx->factStmt())
        out.node = transformFact(c->atom(), c->factClause(), false);
    else if (auto* c = ctx->retractStmt())
        out.node = transformFact(c->atom(), c->factClause(), true);
    else if (auto* c = ctx->ruleDecl())
        out.node = transformRule(c);
    else if (auto* c = ctx->queryStmt())
        out.node = transformQuery(c);
    else if (auto* c = ctx->phraseQuery())
        out.node = transformPhrase(c);
    else if (auto* c = ctx->whyStmt())
        out.node = transformWhy(c);
    else if (auto* c = ctx->blameStmt())
        out.node = ast::BlameStmt{transformAtom(c->atom())};
    else if (auto* c = ctx->explainStmt())
        out.node = transformExplain(c);
    else if (auto* c = ctx->diagramStmt())
        out.node = transformDiagram(c);
    else if (auto* c = ctx->historyStmt())
        out.node = transformClaims(c->atom(), c->modifier(), ast::ClaimsStmt::Kind::History);
    else if (auto* c = ctx->conflictsStmt())
        out.node = transformClaims(c->atom(), c->modifier(), ast::ClaimsStmt::Kind::Conflicts);
    else if (auto* c = ctx->deprecateStmt())
        out.node = transformDeprecate(c);
    else if (auto* c = ctx->changesStmt())
        out.node = transformChanges(c);
    else if (auto* c = ctx->scenarioDecl())
        out.node = transformScenario(c);
    else if (auto* c = ctx->drawDecl())
        out.node = transformDraw(c);
    else if (auto* c = ctx->importStmt())
        out.node =
            ast::ImportStmt{transformIdent(c->ident()), unquote(c->STRING()->getText()),
                            span(c->STRING()->getSymbol()),
                            c->name() ? std::optional(transformName(c->name())) : std::nullopt};
    return out;
}

ast::Statement::Node Transformer::transformExplain(P::ExplainStmtContext* ctx) {
    if (ctx->queryStmt()) {
        ast::QueryStmt query = transformQuery(ctx->queryStmt());
        query.explain = true;
        return query;
    }
    ast::PhraseQuery phrase = transformPhrase(ctx->phraseQuery());
    phrase.explain = true;
    return phrase;
}

ast::Atom Transformer::transformAtom(P::AtomContext* ctx) {
    ast::Atom atom;
    atom.span = span(ctx);
    if (auto* prefix = dynamic_cast<P::PrefixAtomContext*>(ctx)) {
        atom.relation = transformIdent(prefix->ident());
        for (P::TermContext* t : prefix->term())
            atom.args.push_back(transformTerm(t));
        if (prefix->qualifiers()) atom.qualifiers = transformQualifiers(prefix->qualifiers());
    } else {
        auto* infix = static_cast<P::InfixAtomContext*>(ctx);
        atom.infix = true;
        atom.relation = transformIdent(infix->ident());
        atom.args.push_back(transformTerm(infix->term(0)));
        atom.args.push_back(transformTerm(infix->term(1)));
        if (infix->qualifiers()) atom.qualifiers = transformQualifiers(infix->qualifiers());
        // The atom's own span ends at its object; qualifiers are reported on their own.
        atom.span.endLine = atom.args[1].span.endLine;
        atom.span.endColumn = atom.args[1].span.endColumn;
    }
    return atom;
}

ast::Term Transformer::transformTerm(P::TermContext* ctx) {
    ast::Term term;
    term.span = span(ctx);
    if (auto* n = dynamic_cast<P::NameTermContext*>(ctx)) {
        term.kind = ast::Term::Kind::Name;
        term.name = transformName(n->name());
    } else if (auto* n = dynamic_cast<P::NumberTermContext*>(ctx)) {
        term.kind = ast::Term::Kind::Number;
        term.number = transformNumber(n->number());
    } else {
        term.kind = ast::Term::Kind::Wildcard;
    }
    return term;
}

// Numbers are doubles: integers are exact up to 2^53.
constexpr double kMaxExactInteger = 9007199254740992.0;

double Transformer::numLitValue(P::NumLitContext* ctx, bool exact) {
    std::string digits;
    for (char c : ctx->getText())
        if (c != '_') digits += c;
    double value = std::strtod(digits.c_str(), nullptr);
    if (std::isinf(value)) {
        diagnostics_.push_back(makeError(Phase::Syntax, "number too large", span(ctx),
                                         "numbers go up to about 1.8e308"));
        return 0;
    }
    bool integer = digits.find('.') == std::string::npos;
    if (exact && integer && std::fabs(value) > kMaxExactInteger)
        diagnostics_.push_back(makeError(Phase::Syntax,
                                         "integer too large to be stored exactly (beyond 2^53 = "
                                         "9007199254740992)",
                                         span(ctx),
                                         "write it as ~" + digits + " if about is meant"));
    return value;
}

ast::NumberLit Transformer::transformNumber(P::NumberContext* ctx) {
    ast::NumberLit lit;
    lit.span = span(ctx);
    auto numLitValue = [&](P::NumLitContext* n, bool exact = true) {
        return this->numLitValue(n, exact);
    };
    if (auto* n = dynamic_cast<P::ApproxNumberContext*>(ctx))
        lit.value = Number::approx(numLitValue(n->numLit(), false));
    else if (auto* n = dynamic_cast<P::GreaterNumberContext*>(ctx))
        lit.value = Number::greater(numLitValue(n->numLit()));
    else if (auto* n = dynamic_cast<P::LessNumberContext*>(ctx))
        lit.value = Number::less(numLitValue(n->numLit()));
    else if (auto* n = dynamic_cast<P::RangeNumberContext*>(ctx))
        lit.value = Number::range(numLitValue(n->numLit(0)), numLitValue(n->numLit(1)));
    else
        lit.value = Number::exact(numLitValue(static_cast<P::ExactNumberContext*>(ctx)->numLit()));
    return lit;
}

std::vector<ast::Qualifier> Transformer::transformQualifiers(P::QualifiersContext* ctx) {
    std::vector<ast::Qualifier> out;
    for (P::QualifierContext* q : ctx->qualifier())
        out.push_back({transformIdent(q->ident()), transformTerm(q->term()), span(q)});
    return out;
}

ast::Name Transformer::transformName(P::NameContext* ctx) {
    if (ctx->ident()) return transformIdent(ctx->ident());
    return {unquote(ctx->STRING()->getText()), true, span(ctx)};
}

ast::Name Transformer::transformIdent(P::IdentContext* ctx) {
    return {ctx->getText(), false, span(ctx)};
}

ast::DateLit Transformer::transformDate(P::DateContext* ctx) {
    return {ctx->getText(), span(ctx)};
}

std::string Transformer::unquote(const std::string& literal) const {
    std::string out;
    for (size_t i = 1; i + 1 < literal.size(); ++i) {
        if (literal[i] == '\\' && i + 2 < literal.size()) {
            char next = literal[++i];
            out += next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next;
        } else {
            out += literal[i];
        }
    }
    return out;
}

SourceSpan Transformer::span(antlr4::Token* token) const {
    SourceSpan s;
    s.file = file_;
    s.line = static_cast<int>(token->getLine()) + lineOffset_;
    s.column = static_cast<int>(token->getCharPositionInLine()) + 1;
    s.endLine = s.line;
    s.endColumn = s.column + static_cast<int>(text::decodeUtf8(token->getText()).size());
    return s;
}

SourceSpan Transformer::span(antlr4::ParserRuleContext* ctx) const {
    SourceSpan start = span(ctx->getStart());
    SourceSpan stop = span(ctx->getStop() ? ctx->getStop() : ctx->getStart());
    start.endLine = stop.endLine;
    start.endColumn = stop.endColumn;
    return start;
}

} // namespace chipgraph::parse
