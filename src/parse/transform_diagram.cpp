#include "parse/transformer.h"

#include <algorithm>
#include <cstdlib>

namespace chipgraph::parse {

// More hops than any chain of the graph has: a bigger number is a mistake.
constexpr long long kMaxHops = 1000;

ast::DiagramStmt Transformer::transformDiagram(P::DiagramStmtContext* ctx) {
    ast::DiagramStmt d;
    if (auto* chain = dynamic_cast<P::ChainTargetContext*>(ctx->diagramTarget())) {
        d.chainOf = transformName(chain->name());
        if (chain->INT()) {
            // strtoll saturates where atoi wrapped; the builder reports hops below 1.
            long long hops = std::strtoll(chain->INT()->getText().c_str(), nullptr, 10);
            if (hops > kMaxHops)
                diagnostics_.push_back(makeError(
                    Phase::Syntax, "'within' takes at most " + std::to_string(kMaxHops) + " hops",
                    span(chain->INT()->getSymbol())));
            d.hops = static_cast<int>(std::min<long long>(hops, kMaxHops));
        }
    } else if (auto* query = dynamic_cast<P::QueryTargetContext*>(ctx->diagramTarget())) {
        for (P::LiteralContext* lit : query->literal())
            d.query.push_back(transformLiteral(lit));
    } else {
        auto* relations = static_cast<P::RelationsTargetContext*>(ctx->diagramTarget());
        for (P::IdentContext* r : relations->ident())
            d.relations.push_back(transformIdent(r));
    }
    auto twice = [&](antlr4::ParserRuleContext* c, const std::string& what) {
        diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c)));
    };
    // The modifiers are collected first so that they are checked like a query's.
    std::vector<P::ModifierContext*> modifiers;
    for (P::DiagramClauseContext* c : ctx->diagramClause()) {
        if (auto* w = dynamic_cast<P::WhereClauseContext*>(c)) {
            if (d.entity) twice(c, "'where'");
            d.entity = transformName(w->name());
        } else if (auto* m = dynamic_cast<P::DiagramModifierContext*>(c)) {
            modifiers.push_back(m->modifier());
        } else if (auto* f = dynamic_cast<P::DiagramDiffContext*>(c)) {
            if (d.diff) twice(c, "'diff'");
            d.diff = ast::TimeWindow{transformDate(f->date(0)), transformDate(f->date(1)), span(c)};
        } else if (auto* t = dynamic_cast<P::DiagramToContext*>(c)) {
            if (d.path) twice(c, "'to'");
            d.path = unquote(t->STRING()->getText());
            d.pathSpan = span(t->STRING()->getSymbol());
        } else if (auto* l = dynamic_cast<P::DiagramLayoutContext*>(c)) {
            if (d.layout) twice(c, "'layout'");
            d.layout = transformIdent(l->ident());
        } else {
            d.legend = true;
        }
    }
    d.modifiers = transformModifiers(modifiers);
    liftQueryClauses(d.query, d.modifiers);
    return d;
}

} // namespace chipgraph::parse
