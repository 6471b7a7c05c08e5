#include "parse/parser.h"
#include "parse/transformer.h"

namespace chipgraph::parse {

ast::HeadArg Transformer::transformHeadArg(P::HeadArgContext* arg) {
    ast::HeadArg head;
    head.span = span(arg);
    if (auto* aggregate = dynamic_cast<P::AggregateHeadContext*>(arg)) {
        head.aggregate = transformIdent(aggregate->ident());
        std::vector<P::TermContext*> terms = aggregate->term();
        head.term = transformTerm(terms[0]);
        for (size_t i = 1; i < terms.size(); ++i)
            head.totalBy.push_back(transformTerm(terms[i]));
    } else {
        head.term = transformTerm(static_cast<P::PlainHeadContext*>(arg)->term());
    }
    return head;
}

ast::RuleDecl Transformer::transformRule(P::RuleDeclContext* ctx) {
    ast::RuleDecl rule;
    rule.relation = transformIdent(ctx->ident());
    for (P::HeadArgContext* arg : ctx->headArg())
        rule.head.push_back(transformHeadArg(arg));
    // The head runs from the relation name to the ')' before ':-'.
    rule.headSpan = span(ctx->ident());
    SourceSpan close = span(ctx->IMPLIES()->getSymbol());
    size_t closeIndex = ctx->IMPLIES()->getSymbol()->getTokenIndex() - 1;
    for (antlr4::tree::ParseTree* child : ctx->children)
        if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child))
            if (terminal->getSymbol()->getTokenIndex() == closeIndex)
                close = span(terminal->getSymbol());
    rule.headSpan.endLine = close.endLine;
    rule.headSpan.endColumn = close.endColumn;
    // Literals up to the first `;` / `or` are the body; each later run is one more branch.
    std::vector<ast::Literal>* branch = &rule.body;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (dynamic_cast<P::OrSepContext*>(child)) {
            branch = &rule.orBranches.emplace_back();
        } else if (auto* lit = dynamic_cast<P::LiteralContext*>(child)) {
            branch->push_back(transformLiteral(lit));
        }
    }
    return rule;
}

ast::Literal Transformer::transformLiteral(P::LiteralContext* ctx) {
    if (auto* a = dynamic_cast<P::AtomLiteralContext*>(ctx)) {
        ast::Atom atom = transformAtom(a->atom());
        atom.provenance = transformProvenance(a->provenanceClause());
        return atom;
    }
    if (auto* n = dynamic_cast<P::NegatedLiteralContext*>(ctx))
        return ast::Negation{transformAtom(n->atom()), span(n)};
    auto* c = static_cast<P::CompareLiteralContext*>(ctx);
    // transformExpr (and binding and evaluation after it) recurse once per operator.
    if (size_t operators = countOperators(c); operators > kMaxOperators) {
        diagnostics_.push_back(makeError(Phase::Syntax,
                                         "an expression with more than " +
                                             std::to_string(kMaxOperators) + " operators",
                                         span(c), "split it into steps"));
        return ast::Comparison{ast::Expr{}, "=", ast::Expr{}, span(c)};
    }
    return ast::Comparison{transformExpr(c->expr(0)), c->compareOp()->getText(),
                           transformExpr(c->expr(1)), span(c)};
}

// The binary operators under `ctx`, counted without recursion (a left-deep tree of a long
// `1 + 1 + ...` chain), up to just past kMaxOperators.
size_t Transformer::countOperators(P::CompareLiteralContext* ctx) {
    std::vector<P::ExprContext*> pending{ctx->expr(0), ctx->expr(1)};
    size_t operators = 0;
    while (!pending.empty() && operators <= kMaxOperators) {
        P::ExprContext* e = pending.back();
        pending.pop_back();
        if (auto* paren = dynamic_cast<P::ParenExprContext*>(e)) {
            pending.push_back(paren->expr());
        } else if (auto* b = dynamic_cast<P::BinaryExprContext*>(e)) {
            ++operators;
            pending.push_back(b->expr(0));
            pending.push_back(b->expr(1));
        }
    }
    return operators;
}

ast::Expr Transformer::transformExpr(P::ExprContext* ctx) {
    if (auto* paren = dynamic_cast<P::ParenExprContext*>(ctx)) {
        ast::Expr inner = transformExpr(paren->expr());
        inner.span = span(ctx);
        return inner;
    }
    ast::Expr expr;
    expr.span = span(ctx);
    if (auto* t = dynamic_cast<P::TermExprContext*>(ctx)) {
        expr.kind = ast::Expr::Kind::Term;
        expr.term = transformTerm(t->term());
        return expr;
    }
    if (auto* d = dynamic_cast<P::DateExprContext*>(ctx)) {
        expr.kind = ast::Expr::Kind::Date;
        expr.date = {d->DATE()->getText(), span(ctx)};
        return expr;
    }
    auto* b = static_cast<P::BinaryExprContext*>(ctx);
    expr.kind = ast::Expr::Kind::Binary;
    expr.op = b->op->getText()[0];
    expr.operands.push_back(transformExpr(b->expr(0)));
    expr.operands.push_back(transformExpr(b->expr(1)));
    return expr;
}

} // namespace chipgraph::parse
