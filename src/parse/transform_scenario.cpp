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

} // namespace chipgraph::parse
