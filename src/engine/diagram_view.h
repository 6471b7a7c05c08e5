#pragma once
// The engine as the diagram builder sees it (diagram/graph_view.h): its catalog, factsOf,
// answerBindings and the relation kinds its rules give. The only place engine/ and diagram/
// meet; diagram/ never includes engine/.
#include "diagram/builder.h"
#include "engine/engine.h"
#include "export/diagram.h"

namespace chipgraph::engine {

class DiagramView final : public diagram::GraphView {
public:
    explicit DiagramView(const Engine& engine) : engine_(engine) {}

    const schema::Catalog& catalog() const override { return engine_.catalog(); }
    std::vector<schema::Fact> factsOf(RelationId relation, std::optional<Interval> window,
                                      std::optional<DayNumber> knownAt) const override;
    Result<std::vector<std::vector<Value>>>
    answerBindings(const bind::BoundQuery& query) const override;
    bool isTimeless(RelationId relation) const override;

private:
    const Engine& engine_;
};

// A diagram statement's answer (TextAnswer::drawn): the model and how it is to be drawn.
struct DrawnDiagram {
    diagram::Diagram model;
    exporter::DiagramStyle style;
};

// Builds the diagram of `request` from the engine's facts (diagram::buildDiagram over a
// DiagramView); errors as diagram::buildDiagram's.
Result<diagram::Diagram> buildDiagram(const Engine& engine, const diagram::DiagramRequest& request);

} // namespace chipgraph::engine
