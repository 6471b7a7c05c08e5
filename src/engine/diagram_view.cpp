#include "engine/diagram_view.h"

#include "common/text.h"
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
    std::vector<const bind::DeclareScenario*> chosen;
    std::vector<std::string> known;
    for (const auto& [key, scenario] : scenarios)
        known.push_back(scenario.name);
    for (const auto& [name, span] : under) {
        auto it = scenarios.find(text::foldCase(name));
        if (it == scenarios.end()) {
            std::string hint = text::didYouMean(name, known);
            return Status::error(
                Phase::Bind, "unknown scenario '" + name + "'", span,
                hint.empty() ? "declare it first: scenario " + name + " { retract ... }" : hint);
        }
        chosen.push_back(&it->second);
        request.under.push_back(it->second.name);
    }
    eval::FactBase changed(facts);
    applyScenarios(chosen, changed);
    DiagramView baseline(engine);
    return diagram::buildDiagram(DiagramView(engine, &changed), request, &baseline);
}

} // namespace chipgraph::engine
