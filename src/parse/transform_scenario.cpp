// `scenario NAME { steps }` (grammar: scenarioDecl): facts a what-if scenario adds, retracts or
// scales. The steps are facts or fact patterns; the binder checks them.
#include "parse/transformer.h"

namespace chipgraph::parse {

ast::ScenarioDecl Transformer::transformScenario(P::ScenarioDeclContext* ctx) {
    ast::ScenarioDecl out;
    out.name = transformIdent(ctx->ident());
    for (P::ScenarioStepContext* c : ctx->scenarioStep()) {
        ast::ScenarioStep step;
        step.span = span(c);
        if (auto* r = dynamic_cast<P::ScenarioRetractContext*>(c)) {
            step.kind = ast::ScenarioStep::Kind::Retract;
            step.fact = transformFact(r->atom(), r->factClause(), true);
        } else if (auto* s = dynamic_cast<P::ScenarioScaleContext*>(c)) {
            step.kind = ast::ScenarioStep::Kind::Scale;
            step.fact = transformFact(s->atom(), s->factClause(), false);
            step.factor = {Number::exact(numLitValue(s->numLit(), false)), span(s->numLit())};
        } else {
            auto* a = static_cast<P::ScenarioAddContext*>(c);
            step.fact = transformFact(a->atom(), a->factClause(), false);
        }
        out.steps.push_back(std::move(step));
    }
    return out;
}

// `draw type T as LOOK {...}.` / `draw relation R as PART {...}.` (grammar: drawDecl): how
// diagrams draw the graph; the binder checks the names, the word after `as` and the options.
ast::DrawDecl Transformer::transformDraw(P::DrawDeclContext* ctx) {
    ast::DrawDecl out;
    P::QualifiersContext* options = nullptr;
    if (auto* t = dynamic_cast<P::DrawTypeDeclContext*>(ctx)) {
        for (P::NameContext* n : t->name())
            out.names.push_back(transformName(n));
        out.as = transformIdent(t->ident());
        options = t->qualifiers();
    } else if (auto* n = dynamic_cast<P::DrawNoSubjectContext*>(ctx)) {
        out.noSubject = true;
        for (P::NameContext* name : n->name())
            out.names.push_back(transformName(name));
        out.as = transformIdent(n->ident());
        options = n->qualifiers();
    } else {
        auto* r = static_cast<P::DrawRelationDeclContext*>(ctx);
        out.relations = true;
        std::vector<P::IdentContext*> idents = r->ident();
        for (size_t i = 0; i + 1 < idents.size(); ++i)
            out.names.push_back(transformIdent(idents[i]));
        out.as = transformIdent(idents.back());
        options = r->qualifiers();
    }
    if (options) out.options = transformQualifiers(options);
    return out;
}

} // namespace chipgraph::parse
