#pragma once
// What the diagram builder needs from a graph, and nothing more: its catalog, the facts of a
// relation seen at a time, the answers of a bound query, and whether a relation holds
// independently of time. The engine implements it (engine/diagram_view.h); tests may too.
#include "bind/bound.h"
#include "common/status.h"
#include "schema/catalog.h"
#include "schema/fact.h"

#include <optional>
#include <vector>

namespace chipgraph::diagram {

class GraphView {
public:
    virtual ~GraphView() = default;

    virtual const schema::Catalog& catalog() const = 0;
    // The facts of a relation (base or derived) whose validity overlaps `window` and whose
    // source was published by `knownAt` (when given), in load order.
    virtual std::vector<schema::Fact> factsOf(RelationId relation, std::optional<Interval> window,
                                              std::optional<DayNumber> knownAt) const = 0;
    // The values of a bound query's variables, one vector per answer, in answer order.
    virtual Result<std::vector<std::vector<Value>>>
    answerBindings(const bind::BoundQuery& query) const = 0;
    // True when the relation holds independently of time (declared timeless, or derived from
    // timeless relations only): its facts without dates are valid "always", not "undated".
    virtual bool isTimeless(RelationId relation) const = 0;
};

} // namespace chipgraph::diagram
