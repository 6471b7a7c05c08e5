#include "parse/transformer.h"

namespace chipgraph::parse {

ast::FactStmt Transformer::transformFact(P::AtomContext* atomCtx,
                                         const std::vector<P::FactClauseContext*>& clauses,
                                         bool retract) {
    ast::FactStmt fact;
    fact.retract = retract;
    fact.atom = transformAtom(atomCtx);
    auto twice = [&](P::FactClauseContext* c, const std::string& what) {
        diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c),
                                         "a fact has at most one " + what));
    };
    for (size_t i = 0; i < clauses.size(); ++i) {
        P::FactClauseContext* c = clauses[i];
        if (startsForgottenStatement(c, i == 0 ? atomCtx->getStop() : clauses[i - 1]->getStop()))
            break;
        if (c->validity()) {
            if (fact.validity) twice(c, "validity");
            fact.validity = transformValidity(c->validity());
        } else if (c->PER()) {
            if (fact.source) twice(c, "source");
            fact.source = transformIdent(c->ident());
        } else if (c->qualifiers()) {
            for (ast::Qualifier& q : transformQualifiers(c->qualifiers()))
                fact.atom.qualifiers.push_back(std::move(q));
        } else {
            if (fact.status) twice(c, "status");
            fact.status = transformIdent(c->ident());
        }
    }
    return fact;
}

// Any name may be a status word, so a fact whose '.' is missing swallows the next line's
// statement as "statuses". A non-status name that starts a new line is that statement.
bool Transformer::startsForgottenStatement(P::FactClauseContext* clause, antlr4::Token* previous) {
    if (!clause->ident() || clause->PER()) return false;
    std::string word = clause->ident()->getText();
    static const char* const kStatuses[] = {"actual",   "reported", "expected",
                                            "forecast", "rumored",  "view"};
    for (const char* status : kStatuses)
        if (word == status) return false;
    if (clause->getStart()->getLine() <= previous->getLine()) return false;
    SourceSpan end = span(previous);
    end.column = end.endColumn;
    end.endColumn = end.column + 1;
    diagnostics_.push_back(makeError(Phase::Syntax, "missing '.' at the end of the statement", end,
                                     "every statement ends with '.' (questions with '?')"));
    return true;
}

ast::Validity Transformer::transformValidity(P::ValidityContext* ctx) {
    ast::Validity v;
    v.span = span(ctx);
    if (auto* c = dynamic_cast<P::ValidInContext*>(ctx)) {
        v.kind = ast::Validity::Kind::In;
        v.first = transformDate(c->date());
    } else if (auto* c = dynamic_cast<P::ValidDuringContext*>(ctx)) {
        v.kind = ast::Validity::Kind::During;
        v.first = transformDate(c->date(0));
        v.second = transformDate(c->date(1));
    } else if (auto* c = dynamic_cast<P::ValidFromContext*>(ctx)) {
        v.kind = ast::Validity::Kind::From;
        v.first = transformDate(c->date());
    } else {
        v.kind = ast::Validity::Kind::Until;
        v.first = transformDate(static_cast<P::ValidUntilContext*>(ctx)->date());
    }
    return v;
}

} // namespace chipgraph::parse
