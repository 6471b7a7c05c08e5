#pragma once
// The engine as the diagram builder sees it (diagram/graph_view.h): its catalog, factsOf,
// answerBindings and the relation kinds its rules give. The only place engine/ and diagram/
// meet; diagram/ never includes engine/.
#include "diagram/builder.h"
#include "engine/engine.h"
#include "engine/scenario.h"
#include "export/diagram.h"

namespace chipgraph::engine {

class DiagramView final : public diagram::GraphView {
public:
    // Over the engine's facts, or over `facts` (a scenario's copy of them) when given.
    explicit DiagramView(const Engine& engine, const eval::FactBase* facts = nullptr)
        : engine_(engine), facts_(facts) {}

    const schema::Catalog& catalog() const override { return engine_.catalog(); }
    std::vector<schema::Fact> factsOf(RelationId relation, std::optional<Interval> window,
                                      std::optional<DayNumber> knownAt) const override;
    Result<std::vector<std::vector<Value>>>
    answerBindings(const bind::BoundQuery& query) const override;
    bool isTimeless(RelationId relation) const override;

private:
    const Engine& engine_;
    const eval::FactBase* facts_;
};

// A diagram statement's answer (TextAnswer::drawn): the model and how it is to be drawn.
struct DrawnDiagram {
    diagram::Diagram model;
    exporter::DiagramStyle style;
};

// Builds the diagram of `request` from the engine's facts (diagram::buildDiagram over a
// DiagramView); errors as diagram::buildDiagram's.
Result<diagram::Diagram> buildDiagram(const Engine& engine, const diagram::DiagramRequest& request);

// The same drawn under what-if scenarios (`diagram ... under NAME`, docs/analysis.md): the
// graph with the scenarios' steps applied to a copy of `facts` (the engine's), each edge compared
// with the baseline's and marked as a diff marks it (removed, added, changed, unchanged). Errors:
// an unknown scenario (at its name, with a suggestion), and buildDiagram's.
Result<diagram::Diagram>
buildDiagramUnder(const Engine& engine, const eval::FactBase& facts, const Scenarios& scenarios,
                  const std::vector<std::pair<std::string, SourceSpan>>& under,
                  diagram::DiagramRequest request);

} // namespace chipgraph::engine
