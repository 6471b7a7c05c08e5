#include "engine/diagram_view.h"

#include "eval/claim_filter.h"

namespace chipgraph::engine {

std::vector<schema::Fact> DiagramView::factsOf(RelationId relation, std::optional<Interval> window,
                                               std::optional<DayNumber> knownAt) const {
    return engine_.factsOf(relation, window, knownAt);
}

Result<std::vector<std::vector<Value>>>
DiagramView::answerBindings(const bind::BoundQuery& query) const {
    return engine_.answerBindings(query);
}

bool DiagramView::isTimeless(RelationId relation) const {
    return eval::isTimeless(relation, engine_.catalog(), engine_.rules().rules);
}

Result<diagram::Diagram> buildDiagram(const Engine& engine,
                                      const diagram::DiagramRequest& request) {
    return diagram::buildDiagram(DiagramView(engine), request);
}

} // namespace chipgraph::engine
