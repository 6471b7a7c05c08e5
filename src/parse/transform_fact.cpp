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
    for (P::FactClauseContext* c : clauses) {
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
