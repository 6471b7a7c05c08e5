#include "parse/transformer.h"

#include <algorithm>
#include <cstdlib>

namespace chipgraph::parse {

namespace {

// More hops than any chain of the graph has: a bigger number is a mistake.
constexpr long long kMaxHops = 1000;

std::vector<P::ModifierContext*> phraseModifiers(P::PhraseQueryContext* ctx) {
    return ctx->modifier();
}

} // namespace

void Transformer::transformChain(P::NameContext* name, antlr4::tree::TerminalNode* hops,
                                 ast::DiagramStmt& d) {
    d.chainOf = transformName(name);
    if (!hops) return;
    // strtoll saturates where atoi wrapped; the binder reports hops below 1.
    long long n = std::strtoll(hops->getText().c_str(), nullptr, 10);
    if (n > kMaxHops)
        diagnostics_.push_back(
            makeError(Phase::Syntax, "'within' takes at most " + std::to_string(kMaxHops) + " hops",
                      span(hops->getSymbol())));
    d.hops = static_cast<int>(std::min<long long>(n, kMaxHops));
    d.hopsSpan = span(hops->getSymbol());
}

ast::DiagramStmt Transformer::transformDiagram(P::DiagramStmtContext* ctx) {
    ast::DiagramStmt d;
    // The modifiers are collected first so that they are checked like a query's; a question's
    // own and the diagram's are one list.
    std::vector<P::ModifierContext*> modifiers;
    P::DiagramTargetContext* target = ctx->diagramTarget();
    if (auto* chain = dynamic_cast<P::ChainTargetContext*>(target)) {
        transformChain(chain->name(), chain->INT(), d);
    } else if (auto* query = dynamic_cast<P::QueryTargetContext*>(target)) {
        for (P::LiteralContext* lit : query->literal())
            d.query.push_back(transformLiteral(lit));
    } else if (auto* phrase = dynamic_cast<P::PhraseTargetContext*>(target)) {
        d.phrase = transformPhrase(phrase->phraseQuery());
        modifiers = phraseModifiers(phrase->phraseQuery());
    } else if (auto* relations = dynamic_cast<P::RelationsTargetContext*>(target)) {
        for (P::IdentContext* r : relations->ident())
            d.relations.push_back(transformIdent(r));
    }
    for (P::DiagramClauseContext* c : ctx->diagramClause())
        if (auto* m = dynamic_cast<P::DiagramModifierContext*>(c))
            modifiers.push_back(m->modifier());
        else
            transformDiagramClause(c, d);
    d.modifiers = transformModifiers(modifiers);
    if (d.phrase) d.phrase->modifiers = d.modifiers;
    liftQueryClauses(d.query, d.modifiers);
    return d;
}

void Transformer::transformDiagramClause(P::DiagramClauseContext* c, ast::DiagramStmt& d) {
    auto twice = [&](const std::string& what) {
        diagnostics_.push_back(makeError(Phase::Syntax, what + " is given twice", span(c)));
    };
    if (auto* w = dynamic_cast<P::WhereClauseContext*>(c)) {
        if (d.entity) twice("'where'");
        d.entity = transformName(w->name());
    } else if (auto* chain = dynamic_cast<P::ChainClauseContext*>(c)) {
        if (d.chainOf) twice("'chain of'");
        transformChain(chain->name(), chain->INT(), d);
    } else if (auto* f = dynamic_cast<P::DiagramDiffContext*>(c)) {
        if (d.diff) twice("'diff'");
        std::optional<ast::DateLit> to;
        if (f->date().size() > 1) to = transformDate(f->date(1));
        d.diff = ast::TimeWindow{transformDate(f->date(0)), to, span(c)};
        d.diffAsOf = f->AS() != nullptr;
    } else if (dynamic_cast<P::DiagramPreferContext*>(c)) {
        d.preferLatest = true;
    } else if (auto* t = dynamic_cast<P::DiagramToContext*>(c)) {
        if (d.path) twice("'to'");
        d.path = unquote(t->STRING()->getText());
        d.pathSpan = span(t->STRING()->getSymbol());
    } else if (auto* l = dynamic_cast<P::DiagramLayoutContext*>(c)) {
        if (d.layout) twice("'layout'");
        d.layout = transformIdent(l->ident());
    } else if (auto* with = dynamic_cast<P::DiagramWithContext*>(c)) {
        transformDiagramWith(with, d);
    } else if (auto* title = dynamic_cast<P::DiagramTitleContext*>(c)) {
        if (d.title) twice("'title'");
        d.title = unquote(title->STRING()->getText());
    } else {
        d.legend = true;
    }
}

// `with roles`, `with native names` (and `with legend`): how the diagram is labelled. `with`
// is a name elsewhere, so `with roles with legend` arrives here as one list of words.
void Transformer::transformDiagramWith(P::DiagramWithContext* ctx, ast::DiagramStmt& d) {
    std::vector<std::string> options{""};
    for (P::IdentContext* w : ctx->ident()) {
        std::string word = w->getText();
        if (word == "with")
            options.emplace_back();
        else
            options.back() += (options.back().empty() ? "" : " ") + word;
    }
    for (const std::string& option : options)
        if (option == "legend")
            d.legend = true;
        else if (option == "roles")
            d.roles = true;
        else if (option == "native names")
            d.nativeNames = true;
        else
            diagnostics_.push_back(
                makeError(Phase::Syntax, "unknown diagram option 'with " + option + "'", span(ctx),
                          "choose 'with legend', 'with roles' or 'with native names'"));
}

} // namespace chipgraph::parse
