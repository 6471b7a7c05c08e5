#include "parse/transformer.h"

#include <cstdlib>

namespace chipgraph::parse {

ast::QueryStmt Transformer::transformQuery(P::QueryStmtContext* ctx) {
    ast::QueryStmt query;
    for (P::LiteralContext* lit : ctx->literal())
        query.body.push_back(transformLiteral(lit));
    query.modifiers = transformModifiers(ctx->modifier());
    liftQueryClauses(query.body, query.modifiers);
    return query;
}

ast::WhyStmt Transformer::transformWhy(P::WhyStmtContext* ctx) {
    return {transformAtom(ctx->atom()), transformModifiers(ctx->modifier())};
}

ast::PhraseQuery Transformer::transformPhrase(P::PhraseQueryContext* ctx) {
    ast::PhraseQuery q;
    if (auto* c = dynamic_cast<P::WhoQueryContext*>(ctx)) {
        q.kind = ast::PhraseQuery::Kind::Who;
        q.verb = transformIdent(c->ident());
        q.subject = transformTerm(c->term());
        q.modifiers = transformModifiers(c->modifier());
    } else if (auto* c = dynamic_cast<P::WhatQueryContext*>(ctx)) {
        q.kind = ast::PhraseQuery::Kind::What;
        q.verb = transformIdent(c->ident());
        q.subject = transformTerm(c->term());
        q.modifiers = transformModifiers(c->modifier());
    } else {
        auto* w = static_cast<P::WhichQueryContext*>(ctx);
        q.kind = ast::PhraseQuery::Kind::Which;
        q.typeWord = transformIdent(w->ident(0));
        q.verb = transformIdent(w->ident(1));
        q.subject = transformTerm(w->term());
        q.modifiers = transformModifiers(w->modifier());
    }
    return q;
}

ast::Modifiers Transformer::transformModifiers(const std::vector<P::ModifierContext*>& ctxs) {
    ast::Modifiers m;
    auto twice = [&](P::ModifierContext* c, const std::string& what, const std::string& hint) {
        diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c), hint));
    };
    for (P::ModifierContext* c : ctxs) {
        if (auto* a = dynamic_cast<P::AsOfModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window = ast::TimeWindow{transformDate(a->date()), std::nullopt, span(c)};
        } else if (auto* i = dynamic_cast<P::InModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window = ast::TimeWindow{transformDate(i->date()), std::nullopt, span(c)};
        } else if (auto* d = dynamic_cast<P::DuringModifierContext*>(c)) {
            if (m.window) twice(c, "a time window", "use one of 'as of', 'in' or 'during'");
            m.window =
                ast::TimeWindow{transformDate(d->date(0)), transformDate(d->date(1)), span(c)};
        } else if (auto* k = dynamic_cast<P::KnownAtModifierContext*>(c)) {
            if (m.knownAt) twice(c, "'known at'", "give one date");
            m.knownAt = transformDate(k->date());
        } else if (auto* o = dynamic_cast<P::OrderByModifierContext*>(c)) {
            if (!m.orderBy.empty()) twice(c, "'order by'", "list every key in one 'order by'");
            for (P::OrderKeyContext* key : o->orderKey())
                m.orderBy.push_back(
                    {key->ident() ? transformIdent(key->ident())
                                  : ast::Name{"source", false, span(key->SOURCE()->getSymbol())},
                     key->DESC() != nullptr});
        } else if (auto* p = dynamic_cast<P::ProvenanceModifierContext*>(c)) {
            addProvenance(m.provenance, p->provenanceClause());
        } else if (auto* u = dynamic_cast<P::UnderModifierContext*>(c)) {
            if (!m.under.empty()) twice(c, "'under'", "list every scenario in one 'under a, b'");
            for (P::IdentContext* name : u->ident())
                m.under.push_back(transformIdent(name));
            m.diff = u->DIFF() != nullptr;
        } else {
            auto* l = static_cast<P::LimitModifierContext*>(c);
            if (m.limit) twice(c, "'limit'", "give one limit");
            m.limit = std::strtoll(l->INT()->getText().c_str(), nullptr, 10);
        }
    }
    return m;
}

} // namespace chipgraph::parse
