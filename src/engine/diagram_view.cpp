#include "engine/diagram_view.h"

#include "eval/claim_filter.h"
#include "eval/fact_base.h"

namespace chipgraph::engine {

std::vector<schema::Fact> DiagramView::factsOf(RelationId relation, std::optional<Interval> window,
                                               std::optional<DayNumber> knownAt) const {
    return engine_.factsOf(relation, window, knownAt, facts_);
}

Result<std::vector<std::vector<Value>>>
DiagramView::answerBindings(const bind::BoundQuery& query) const {
    return engine_.answerBindings(query, facts_);
}

bool DiagramView::isTimeless(RelationId relation) const {
    return eval::isTimeless(relation, engine_.catalog(), engine_.rules().rules);
}

Result<diagram::Diagram> buildDiagram(const Engine& engine,
                                      const diagram::DiagramRequest& request) {
    return diagram::buildDiagram(DiagramView(engine), request);
}

Result<diagram::Diagram>
buildDiagramUnder(const Engine& engine, const eval::FactBase& facts, const Scenarios& scenarios,
                  const std::vector<std::pair<std::string, SourceSpan>>& under,
                  diagram::DiagramRequest request) {
    Result<std::vector<const bind::DeclareScenario*>> chosen = chooseScenarios(scenarios, under);
    if (!chosen) return chosen.status();
    for (const bind::DeclareScenario* scenario : chosen.value())
        request.under.push_back(scenario->name);
    eval::FactBase changed(facts);
    applyScenarios(chosen.value(), changed);
    DiagramView baseline(engine);
    return diagram::buildDiagram(DiagramView(engine, &changed), request, &baseline);
}

} // namespace chipgraph::engine
