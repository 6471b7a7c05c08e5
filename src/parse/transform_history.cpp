// History, conflicts, judgements and changes (docs/time.md).
#include "parse/transformer.h"

namespace chipgraph::parse {

ast::ClaimsStmt Transformer::transformClaims(P::AtomContext* atom,
                                             const std::vector<P::ModifierContext*>& modifiers,
                                             ast::ClaimsStmt::Kind kind) {
    return {kind, transformAtom(atom), transformModifiers(modifiers)};
}

ast::DeprecateStmt Transformer::transformDeprecate(P::DeprecateStmtContext* ctx) {
    ast::DeprecateStmt out;
    out.atom = transformAtom(ctx->atom());
    if (ctx->validity()) out.validity = transformValidity(ctx->validity());
    out.reason = unquote(ctx->STRING()->getText());
    out.source = transformIdent(ctx->ident());
    return out;
}

ast::ChangesStmt Transformer::transformChanges(P::ChangesStmtContext* ctx) {
    ast::ChangesStmt out;
    out.range = transformDiffRange(ctx->diffRange());
    if (ctx->name()) out.entity = transformName(ctx->name());
    if (ctx->ident()) out.relation = transformIdent(ctx->ident());
    return out;
}

ast::DiffRange Transformer::transformDiffRange(P::DiffRangeContext* ctx) {
    ast::DiffRange out;
    std::vector<P::DateContext*> dates;
    if (auto* k = dynamic_cast<P::KnownAtRangeContext*>(ctx)) {
        dates = k->date();
    } else {
        out.knownAt = false;
        dates = static_cast<P::AsOfRangeContext*>(ctx)->date();
    }
    out.from = transformDate(dates[0]);
    if (dates.size() > 1) out.to = transformDate(dates[1]);
    out.span = span(ctx);
    return out;
}

ast::Policy Transformer::transformPolicy(P::PreferModifierContext* ctx) {
    ast::Policy out;
    for (P::IdentContext* word : ctx->ident())
        out.words.push_back(transformIdent(word));
    out.span = span(ctx);
    return out;
}

} // namespace chipgraph::parse
