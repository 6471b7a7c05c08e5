#pragma once
// Builds the model of a supply-chain diagram (model.h) from a graph's facts (graph_view.h): the
// edges of some relations, seen at a time (`as of`, `known at`), optionally cut down to one
// entity's supply chain or to what lies within a few hops of an entity, with conflicting
// claims marked, or the difference between two dates. The `diagram` statement, the CLI and
// the REPL call it (through engine/diagram_view.h), then exporter::renderDiagram().
//
// Definitions (docs/diagrams.md says the same for users):
// - Edge: all the facts of one relation between the same two entities (and the same values in
//   the relation's other columns) become one edge, from its first entity column to its second.
//   Its status is the strongest of its facts', its validity label spans all of theirs, its
//   role is that of its strongest, most recently reported fact; the tooltip lists every fact
//   with its status, validity, qualifiers, source and report date.
// - Conflict: for a relation with a conflict key column (designs/develops/fabbed_on: `chip`,
//   made_by: `node`), two edges with the same key entity and different other ends conflict
//   when a fact of each holds at the same time in what may be the same role, and no single
//   source reports both (a source naming two design partners describes a collaboration, two
//   sources naming one each disagree). Roles (a `role` qualifier) are compared by the part of
//   the design they give the firm: front-end, back-end or both, as the role text says; a role
//   naming neither ("main partner", or no role) is the back-end, a partner's usual part.
//   Claims on different parts do not conflict: Annapurna (front-end) and Alchip (back-end)
//   on Trainium3 work together, Alphawave and Alchip (each the main partner) do not.
// - Entity (`where owner = X`, the supply chain of X): X, the chips X develops, every edge
//   touching them (so their design firms), and everything downstream of them along the edges'
//   direction (process nodes, then foundries). For an entity that owns no chips this is the
//   edges that involve it plus what lies downstream.
// - Query (`diagram ? body`): the facts the query's answers bind to. For each answer, each
//   positive atom whose relation has two entity columns, with the answer's values put in,
//   matches facts (base or derived, within the query's window and `known at`): these are the
//   edges, grouped, styled and checked for conflicts as above. An atom with fewer entity
//   columns (shipments(V, U), multi_sourced(C)) draws its entities as nodes and lists its facts
//   in their tooltips. A query without answers is an error: there is nothing to draw.
// - Chain (`chain of X`): every edge whose two ends are within `hops` edges of X, direction
//   ignored.
// - Prefer latest: per conflict key (or per edge, for relations without one) only the facts
//   of the most recent report date are kept.
// - Diff: two snapshots (by default what was known at FROM and at TO, or the facts valid at
//   FROM and at TO) with the same relations and filters; an edge only in the second is added,
//   only in the first removed, in both with another status or validity changed.
// - Under a scenario: the scenario's graph and the baseline's, same relations, dates and
//   filters, compared as a diff compares its two snapshots.
// - Owners, generation order and dates come from develops, successor_of/variant_of and the
//   dated events (announced, generally_available, in_service, mass_production, in_design),
//   known at the request's date, whether or not those relations are drawn.
#include "diagram/graph_view.h"
#include "diagram/model.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chipgraph::diagram {

enum class ConflictPolicy { ShowAll, PreferLatest };
enum class DiffAxis { KnownAt, AsOf };

struct DiagramDiff {
    PartialDate from;
    std::optional<PartialDate> to; // KnownAt: nullopt means everything known now
    DiffAxis axis = DiffAxis::KnownAt;
};

struct DiagramRequest {
    std::vector<std::string> relations; // names or aliases; empty: the declared ones (vocabulary.h)
    std::optional<Interval> window;     // `as of` / `during`
    std::optional<DayNumber> knownAt;   // only facts whose source was published by then
    std::optional<std::string> entity;  // the supply chain of this entity
    std::optional<std::string> chainOf; // everything within `hops` of this entity
    int hops = 2;
    // Draw what this query's answers bind to instead of whole relations (then `relations`,
    // `chainOf` and `diff` must be unset; the query's window and `known at` are used).
    std::optional<bind::BoundQuery> query;
    std::string queryText; // for the title: "? designs(F, C), develops(Amazon, C)"
    ConflictPolicy policy = ConflictPolicy::ShowAll;
    std::optional<DiagramDiff> diff;
    bool nativeNames = false; // add each entity's first non-Latin alias ("博通") under its name
    // The what-if scenarios the graph is seen under (for the title; buildDiagram's `baseline`
    // is the graph without them).
    std::vector<std::string> under;
    std::string title; // "" for one made from the request
    // relation -> key column, for conflicts and `prefer latest`; empty: the declared keys.
    std::map<std::string, std::string> conflictKeys;
};

// Builds the diagram. Errors (one message, lowercase, with a suggestion where one fits): an
// unknown relation or entity, a relation with fewer than two entity columns, hops below 1, a
// diff by validity without its second date, an unknown conflict key column, a query with no
// answers or combined with relations, a chain or a diff.
// With `baseline` (the graph without the request's scenarios, `under`), every edge of either is
// compared as a diff compares two snapshots: what the scenarios remove is marked removed, what
// they change changed, the rest unchanged.
Result<Diagram> buildDiagram(const GraphView& graph, const DiagramRequest& request,
                             const GraphView* baseline = nullptr);

// The title made from a request: "designs, develops · supply chain of Amazon · as of 2026".
std::string describeDiagramRequest(const DiagramRequest& request);

} // namespace chipgraph::diagram
