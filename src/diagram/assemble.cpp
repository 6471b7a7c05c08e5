// Turns edge groups into the export model: node and edge labels, tooltips (sources and dates),
// owner clusters, time order, diff marks, and a stable order of nodes and edges.
#include "common/row_diff.h"
#include "diagram/builder_impl.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace chipgraph::diagram {

namespace {

struct DrawnEdge {
    const EdgeGroup* group = nullptr;
    Change change = Change::None;
    std::string changeNote;
};

std::string factLine(const schema::Fact& fact, const schema::RelationInfo& relation, bool timeless,
                     const schema::Catalog& catalog) {
    std::string validity = validityLabel(fact.valid);
    std::string line = std::string("- ") + schema::statusName(fact.status) + " · " +
                       (validity.empty() ? (timeless ? "always" : "undated") : validity);
    if (fact.source != kNoId) {
        const schema::SourceInfo& source = catalog.source(fact.source);
        line += " · " + source.name;
        if (source.published) line += " (" + source.published->toString() + ")";
        if (!source.url.empty()) line += " " + source.url; // the edge links to the newest
    }
    for (size_t q = 0; q < relation.qualifiers.size() && q < fact.qualifiers.size(); ++q) {
        if (!fact.qualifiers[q]) continue;
        const Value& v = *fact.qualifiers[q];
        std::string value = v.isText()     ? v.textValue()
                            : v.isNumber() ? v.numberValue().toString()
                                           : catalog.shownName(v.entityId());
        line += " · " + relation.qualifiers[q].name + ": " + value;
    }
    return line;
}

// The fact that speaks for an edge: strongest status, then latest report, then first loaded.
const schema::Fact& leadFact(const EdgeGroup& edge, const schema::Catalog& catalog) {
    const schema::Fact* best = &edge.facts.front();
    for (const schema::Fact& f : edge.facts)
        if (f.status < best->status ||
            (f.status == best->status && reportDay(f, catalog) > reportDay(*best, catalog)))
            best = &f;
    return *best;
}

std::string edgeTooltip(const DrawnEdge& drawn, const schema::Catalog& catalog) {
    const EdgeGroup& e = *drawn.group;
    std::string tip = catalog.shownName(e.from) + " " + e.relation->name + " " +
                      catalog.shownName(e.to) + (e.extra.empty() ? "" : " (" + e.extra + ")");
    if (drawn.change != Change::None && drawn.change != Change::Unchanged)
        tip += std::string(" [") + changeName(drawn.change) +
               (drawn.changeNote.empty() ? "" : ": " + drawn.changeNote) + "]";
    if (!e.rivals.empty()) {
        std::string rivals;
        for (EntityId r : e.rivals)
            rivals += (rivals.empty() ? "" : ", ") + catalog.shownName(r);
        tip += "\nconflicts with: " + rivals;
    }
    for (const schema::Fact& f : e.facts) {
        tip += '\n'; // (one `+=` per part: g++ 12 warns falsely on "\n" + std::string&&)
        tip += factLine(f, *e.relation, e.timeless, catalog);
    }
    return tip;
}

// The dates a diagram shows, for its subtitle: "valid in 2026 · known at 2025-06-30", or
// "valid at any time · known at 2026-05-22 (the newest source)".
std::string describeDates(const DiagramRequest& request, const schema::Catalog& catalog) {
    std::string valid =
        request.window ? "valid in " + formatInterval(*request.window) : "valid at any time";
    if (request.knownAt) return valid + " · known at " + formatDay(*request.knownAt);
    std::optional<PartialDate> newest;
    for (const schema::SourceInfo* source : catalog.sources())
        if (source->published && (!newest || source->published->firstDay() > newest->firstDay()))
            newest = source->published;
    return valid + " · known at " + (newest ? newest->toString() : std::string("now")) +
           " (the newest source)";
}

// The address of the newest source behind an edge that has one ("" when none has).
std::string newestAddress(const EdgeGroup& edge, const schema::Catalog& catalog) {
    std::string url;
    DayNumber newest = kMinDay;
    for (const schema::Fact& f : edge.facts)
        if (f.source != kNoId && !catalog.source(f.source).url.empty() &&
            (url.empty() || reportDay(f, catalog) > newest)) {
            newest = reportDay(f, catalog);
            url = catalog.source(f.source).url;
        }
    return url;
}

DiagramEdge makeEdge(const DrawnEdge& drawn, const schema::Catalog& catalog, bool isDiff) {
    const EdgeGroup& e = *drawn.group;
    DiagramEdge edge;
    edge.from = catalog.shownName(e.from);
    edge.to = catalog.shownName(e.to);
    edge.relation = e.relation->name;
    edge.validity = validityLabel(e.hull());
    edge.status = e.status();
    edge.extra = e.extra;
    const schema::Fact& lead = leadFact(e, catalog);
    int role = e.roleIndex;
    if (role >= 0 && static_cast<size_t>(role) < lead.qualifiers.size() && lead.qualifiers[role] &&
        lead.qualifiers[role]->isText())
        edge.role = lead.qualifiers[role]->textValue();
    edge.tooltip = edgeTooltip(drawn, catalog);
    edge.url = newestAddress(e, catalog);
    edge.conflict = !isDiff && !e.rivals.empty();
    edge.change = drawn.change;
    edge.changeNote = drawn.changeNote;
    return edge;
}

// An edge as a row that common/row_diff.h compares: its identity, then what a diff reports
// as changed (its status and the span of its validity).
Row edgeRow(const EdgeGroup& e) {
    std::string valid = validityLabel(e.hull());
    return {Cell::ofText(e.key()), Cell::ofText(schema::statusName(e.status())),
            Cell::ofText(valid.empty() ? "always" : valid)};
}

// Compares the two snapshots of a diff with the rule answers' diffs use (common/row_diff.h):
// every edge of either, marked; a changed edge's note says what each changed cell was and is
// ("expected → actual, 2026 → 2026–2027").
std::vector<DrawnEdge> compare(const std::vector<EdgeGroup>& after,
                               const std::vector<EdgeGroup>& before) {
    std::vector<Row> afterRows, beforeRows;
    for (const EdgeGroup& e : after)
        afterRows.push_back(edgeRow(e));
    for (const EdgeGroup& e : before)
        beforeRows.push_back(edgeRow(e));
    std::vector<DrawnEdge> drawn;
    for (const EdgeGroup& e : after)
        drawn.push_back({&e, Change::Unchanged, ""});
    for (const RowChange& c : diffRows(beforeRows, afterRows, 1, 3)) {
        if (c.kind == RowChange::Kind::Removed) {
            drawn.push_back({&before[c.before], Change::Removed, ""});
            continue;
        }
        DrawnEdge& d = drawn[c.after];
        if (c.kind == RowChange::Kind::Added) {
            d.change = Change::Added;
            continue;
        }
        d.change = Change::Changed;
        const Row &was = beforeRows[c.before], &now = afterRows[c.after];
        for (size_t i : changedCells(was, now, 1, 3))
            d.changeNote += (d.changeNote.empty() ? "" : ", ") + was[i].text + " → " + now[i].text;
    }
    return drawn;
}

std::string firstNativeAlias(const schema::EntityInfo& entity) {
    for (const std::string& alias : entity.aliases)
        if (std::any_of(alias.begin(), alias.end(), [](char c) { return c & 0x80; })) return alias;
    return "";
}

int tier(NodeKind kind) {
    switch (kind) {
    case NodeKind::Partner:
        return 0;
    case NodeKind::Owner:
    case NodeKind::Product:
        return 2;
    case NodeKind::Process:
        return 3;
    case NodeKind::Supplier:
        return 4;
    case NodeKind::Plant:
        return 5;
    default:
        return 1;
    }
}

struct NodeFacts {
    std::set<std::string> sources;
    bool before = false, after = false;
    // The folded ownership claim (see foldsIntoCluster), if any.
    const DrawnEdge* owned = nullptr;
};

DiagramNode makeNode(EntityId id, const NodeFacts& facts, const Hints& hints,
                     const DiagramRequest& request, const schema::Catalog& catalog, bool isDiff) {
    const schema::EntityInfo& entity = catalog.entity(id);
    DiagramNode node;
    node.id = catalog.shownName(entity.id);
    node.label = node.id;
    std::string native = request.nativeNames ? firstNativeAlias(entity) : "";
    if (!native.empty()) node.label += "\n" + native;
    node.typeName = catalog.type(entity.type).name;
    NodeDrawing look = nodeDrawingOf(catalog, id);
    node.kind = look.kind;
    node.kindLabel = look.label;
    auto owner = hints.owner.find(id);
    if (owner != hints.owner.end()) node.cluster = catalog.shownName(owner->second);
    std::string tip = node.id + " (" + node.typeName + ")";
    if (!entity.aliases.empty()) {
        std::string aliases;
        for (const std::string& a : entity.aliases)
            aliases += (aliases.empty() ? "" : ", ") + a;
        tip += "\naka " + aliases;
    }
    auto event = hints.firstEvent.find(id);
    if (event != hints.firstEvent.end()) tip += "\nfirst dated: " + event->second.text;
    if (facts.owned) {
        node.ownerStatus = facts.owned->group->status();
        node.url = newestAddress(*facts.owned->group, catalog);
        tip += "\n" + edgeTooltip(*facts.owned, catalog);
    } else if (!node.cluster.empty()) {
        tip += "\nowner: " + node.cluster;
    }
    auto notes = hints.notes.find(id);
    if (notes != hints.notes.end())
        for (const std::string& line : notes->second)
            tip += "\n" + line;
    if (!facts.sources.empty()) {
        std::string sources;
        for (const std::string& s : facts.sources)
            sources += (sources.empty() ? "" : ", ") + s;
        tip += "\nsources: " + sources;
    }
    node.tooltip = tip;
    if (isDiff) {
        node.change = facts.after && !facts.before   ? Change::Added
                      : facts.before && !facts.after ? Change::Removed
                                                     : Change::Unchanged;
        if (facts.owned && facts.owned->change == Change::Changed) node.change = Change::Changed;
    }
    return node;
}

// An ownership claim drawn as the box around the chip instead of an arrow: the owner relation's
// edge from the chip's (sole, uncontested) owner.
bool foldsIntoCluster(const DrawnEdge& d, const Vocabulary& vocabulary, const Hints& hints) {
    const EdgeGroup& e = *d.group;
    if (e.relation != vocabulary.owner || !e.rivals.empty()) return false;
    auto owner = hints.owner.find(e.to);
    return owner != hints.owner.end() && owner->second == e.from;
}

void sortEdges(std::vector<DiagramEdge>& edges, const std::vector<size_t>& relation,
               const std::map<std::string, size_t>& position) {
    std::vector<size_t> perm(edges.size());
    for (size_t i = 0; i < perm.size(); ++i)
        perm[i] = i;
    auto key = [&](size_t i) {
        return std::tuple(relation[i], position.at(edges[i].from), position.at(edges[i].to),
                          edges[i].extra);
    };
    std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
    std::vector<DiagramEdge> sorted;
    for (size_t i : perm)
        sorted.push_back(std::move(edges[i]));
    edges = std::move(sorted);
}

} // namespace

Diagram assembleDiagram(const GraphView& graph, const Vocabulary& vocabulary,
                        const DiagramRequest& request, const std::vector<EdgeGroup>& edges,
                        const std::vector<EdgeGroup>* before, const Hints& hints,
                        const std::vector<EntityId>& focus) {
    const schema::Catalog& catalog = graph.catalog();
    std::vector<DrawnEdge> drawn;
    if (before)
        drawn = compare(edges, *before);
    else
        for (const EdgeGroup& e : edges)
            drawn.push_back({&e, Change::None, ""});

    std::map<EntityId, NodeFacts> nodes;
    std::vector<const DrawnEdge*> arrows;
    for (const DrawnEdge& d : drawn) {
        bool folded = foldsIntoCluster(d, vocabulary, hints);
        if (!folded) arrows.push_back(&d);
        for (EntityId end : {d.group->from, d.group->to}) {
            if (folded && end == d.group->from) continue; // the owner is the box
            NodeFacts& n = nodes[end];
            if (folded) n.owned = &d;
            (d.change == Change::Removed ? n.before : n.after) = true;
            if (d.change == Change::Unchanged || d.change == Change::Changed) n.before = true;
            for (const schema::Fact& f : d.group->facts)
                if (f.source != kNoId) n.sources.insert(catalog.source(f.source).name);
        }
    }
    // A focus entity with nothing drawn still appears, unless its box stands for it and it has
    // no notes of its own to show (then it is drawn inside its box).
    std::set<EntityId> owners;
    for (const auto& [id, n] : nodes)
        if (hints.owner.count(id)) owners.insert(hints.owner.at(id));
    for (EntityId f : focus)
        if (!nodes.count(f) && (!owners.count(f) || hints.notes.count(f)))
            nodes[f].before = nodes[f].after = true;

    std::vector<EntityId> ids;
    for (const auto& [id, _] : nodes)
        ids.push_back(id);
    std::unordered_map<EntityId, int> order = timeOrder(hints, ids, catalog);

    Diagram diagram;
    diagram.title = request.title.empty() ? describeDiagramRequest(request) : request.title;
    if (!request.query && !request.diff) {
        // The dates go to the subtitle, always both: the title need not repeat them.
        diagram.subtitle = describeDates(request, catalog);
        DiagramRequest undated = request;
        undated.window.reset();
        undated.knownAt.reset();
        if (request.title.empty()) diagram.title = describeDiagramRequest(undated);
    }
    std::set<SourceId> sources;
    for (const DrawnEdge& d : drawn)
        for (const schema::Fact& f : d.group->facts)
            if (f.source != kNoId) sources.insert(f.source);
    diagram.footer = "drawn from " + std::to_string(sources.size()) +
                     (sources.size() == 1 ? " source" : " sources");
    diagram.isDiff = before != nullptr;
    // Colours stay with their relation: a query's relations follow the default ones, so that
    // designs is drawn in the same colour in a query's diagram as in a vendor's.
    std::vector<std::string> colourOrder = request.relations.empty() || request.query
                                               ? vocabulary.defaultRelations
                                               : request.relations;
    if (request.query)
        colourOrder.insert(colourOrder.end(), request.relations.begin(), request.relations.end());
    for (const std::string& name : colourOrder)
        if (const schema::RelationInfo* relation = catalog.findRelation(name))
            if (std::find(diagram.relations.begin(), diagram.relations.end(), relation->name) ==
                diagram.relations.end())
                diagram.relations.push_back(relation->name);
    for (EntityId id : ids) {
        diagram.nodes.push_back(makeNode(id, nodes[id], hints, request, catalog, diagram.isDiff));
        diagram.nodes.back().timeOrder = order[id];
    }
    // Design firms first, then owners each followed by their chips in time order, then process
    // nodes, memory makers and foundries: dot starts from this order, and tests rely on it.
    auto sortKey = [](const DiagramNode& n) {
        bool owner = n.kind == NodeKind::Owner;
        std::string group = owner ? n.id : n.cluster.empty() ? "\x7f" : n.cluster;
        return std::tuple(tier(n.kind), group, owner ? 0 : 1, n.timeOrder, n.id);
    };
    std::sort(diagram.nodes.begin(), diagram.nodes.end(),
              [&](const auto& a, const auto& b) { return sortKey(a) < sortKey(b); });
    std::map<std::string, size_t> position;
    for (size_t i = 0; i < diagram.nodes.size(); ++i)
        position[diagram.nodes[i].id] = i;
    std::vector<size_t> relationIndex;
    for (const DrawnEdge* d : arrows) {
        diagram.edges.push_back(makeEdge(*d, catalog, diagram.isDiff));
        relationIndex.push_back(d->group->relationIndex);
    }
    sortEdges(diagram.edges, relationIndex, position);
    return diagram;
}

} // namespace chipgraph::diagram
