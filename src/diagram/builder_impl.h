#pragma once
// Internal to the diagram builder (src/diagram/*.cpp): edges grouped from facts,
// the filters and conflict marking over them (diagram_edges.cpp), and the owner, date and
// generation hints that place nodes (diagram_order.cpp).
#include "diagram/builder.h"
#include "diagram/vocabulary.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace chipgraph::diagram {

// The facts of one relation between the same two entities (and the same other values).
struct EdgeGroup {
    size_t relationIndex = 0; // position in the request's relation list
    const schema::RelationInfo* relation = nullptr;
    // Facts without dates hold "always" (a timeless relation, declared or derived from timeless
    // ones only, as GraphView::isTimeless says) rather than "undated".
    bool timeless = false;
    EntityId from = kNoId, to = kNoId;
    std::string extra;               // the other columns' values: "gw: 10"
    std::vector<schema::Fact> facts; // in load order
    std::vector<EntityId> rivals;    // the other ends of the edges it conflicts with
    int roleIndex = -1;              // the relation's role qualifier (vocabulary.h), or -1
    // Identity across snapshots (diffs).
    std::string key() const;
    schema::FactStatus status() const; // the strongest of its facts'
    Interval hull() const;             // from the earliest start to the latest end
};

// Relation -> the index of its conflict key column among the relation's columns.
using ConflictKeys = std::unordered_map<RelationId, size_t>;

// Groups the facts of one relation into edges (appended to `edges`, in load order of their
// first fact); `relationIndex` is the relation's position in the drawn list.
void groupFacts(std::vector<schema::Fact> facts, size_t relationIndex,
                const schema::RelationInfo& relation, const GraphView& graph,
                std::vector<EdgeGroup>& edges);

// One view of the graph: edges in a stable order (relation, then load order of first fact).
std::vector<EdgeGroup> collectEdges(const GraphView& graph,
                                    const std::vector<const schema::RelationInfo*>& relations,
                                    std::optional<Interval> window,
                                    std::optional<DayNumber> knownAt);

// Keeps only the most recently reported facts per conflict key (or per edge); drops edges
// left without facts.
void preferLatest(std::vector<EdgeGroup>& edges, const ConflictKeys& keys,
                  const schema::Catalog& catalog);

// Keeps the supply chain of `entity` (see builder.h); `owned` are the chips it owns.
void keepSupplyChain(std::vector<EdgeGroup>& edges, EntityId entity,
                     const std::vector<EntityId>& owned);
// Keeps the edges whose two ends are within `hops` of `entity`, direction ignored.
void keepChain(std::vector<EdgeGroup>& edges, EntityId entity, int hops);

// Fills EdgeGroup::rivals (see builder.h for the definition of a conflict).
void markConflicts(std::vector<EdgeGroup>& edges, const ConflictKeys& keys);

// The parts of a design that a claim's role gives its firm (diagram_roles.cpp): a bit set of
// kFrontEnd and kBackEnd, never empty. A role naming neither ("main partner", or no role at
// all) is a design partner's usual part, the back-end.
inline constexpr unsigned kFrontEnd = 1, kBackEnd = 2;
unsigned roleParts(std::string_view role);
// Whether two claims' roles overlap (share a part), so that the claims can contradict.
bool rolesMayCoincide(unsigned a, unsigned b);
// A fact's role qualifier text ("" when it has none); `roleIndex` from Vocabulary::roleIndex.
std::string_view roleOf(const schema::Fact& fact, int roleIndex);

// The edges that a query's answers bind to (diagram_query.cpp): for each answer and each
// positive atom with two entity columns, the facts of the atom's relation that match the atom
// with the answer's values put in, grouped into edges as by collectEdges(). Atoms with fewer
// entity columns add their entities as nodes, their facts listed in the node's tooltip.
struct QueryDrawing {
    std::vector<const schema::RelationInfo*> relations; // of the edge atoms, first use first
    std::vector<EdgeGroup> edges;
    std::vector<EntityId> nodes;                                  // entities of the other atoms
    std::unordered_map<EntityId, std::vector<std::string>> notes; // their facts, as text
    size_t answers = 0;
};
Result<QueryDrawing> drawQuery(const GraphView& graph, const bind::BoundQuery& query);

// A fact's report day (its source's publication), kMinDay when it has none.
DayNumber reportDay(const schema::Fact& fact, const schema::Catalog& catalog);

// Where the graph's facts place an entity, independent of which relations are drawn.
struct DatedEvent {
    DayNumber day = kMaxDay;
    std::string text; // "2016-05 (announced, nevsemi_2025_11)"
};
struct Hints {
    std::unordered_map<EntityId, EntityId> owner;             // chip -> its owner
    std::unordered_map<EntityId, std::vector<EntityId>> owns; // owner -> chips, any claim
    std::unordered_map<EntityId, DatedEvent> firstEvent;      // earliest dated event
    std::vector<std::pair<EntityId, EntityId>> before;        // (earlier, later) generations
    // Extra tooltip lines per entity (the facts of a query's atoms that are not edges).
    std::unordered_map<EntityId, std::vector<std::string>> notes;
};
Hints collectHints(const GraphView& graph, const Vocabulary& vocabulary,
                   std::optional<DayNumber> knownAt);

// Position of each entity in time: generations before their successors and variants, then by
// date (an undated generation right after its predecessor), then by name.
std::unordered_map<EntityId, int> timeOrder(const Hints& hints,
                                            const std::vector<EntityId>& entities,
                                            const schema::Catalog& catalog);

// The model: nodes for the edges' ends and the focus entities, edges in a stable order, with
// tooltips, clusters and time order. With `before` (a diff), edges are marked added, removed,
// changed or unchanged between `before` and `edges`.
Diagram assembleDiagram(const GraphView& graph, const Vocabulary& vocabulary,
                        const DiagramRequest& request, const std::vector<EdgeGroup>& edges,
                        const std::vector<EdgeGroup>* before, const Hints& hints,
                        const std::vector<EntityId>& focus);

// Validity as an edge label: "" for always, "2026", "2025–", "2026–2027", "–2025-06".
std::string validityLabel(const Interval& interval);

} // namespace chipgraph::diagram
