#include "diagram/builder.h"

#include "common/text.h"
#include "diagram/builder_impl.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace chipgraph::diagram {

namespace {

Result<std::vector<const schema::RelationInfo*>> resolveRelations(const schema::Catalog& catalog,
                                                                  const DiagramRequest& request) {
    std::vector<std::string> names = request.relations;
    std::vector<const schema::RelationInfo*> relations;
    for (const std::string& name : names) {
        const schema::RelationInfo* relation = catalog.findRelation(name);
        if (!relation) {
            std::string hint = text::didYouMean(name, catalog.relationNames());
            return Status::error("unknown relation '" + name + "'" +
                                 (hint.empty() ? "" : "; " + hint));
        }
        long entityColumns = std::count_if(
            relation->columns.begin(), relation->columns.end(),
            [](const schema::Column& c) { return c.kind == schema::ColumnKind::Entity; });
        if (entityColumns < 2)
            return Status::error("relation '" + relation->name +
                                 "' cannot be drawn: an edge needs two entity columns and it has " +
                                 std::to_string(entityColumns));
        if (std::find(relations.begin(), relations.end(), relation) == relations.end())
            relations.push_back(relation);
    }
    return relations;
}

Result<EntityId> resolveEntity(const schema::Catalog& catalog, const std::string& name) {
    if (const schema::EntityInfo* entity = catalog.findEntity(name)) return entity->id;
    std::string hint = text::didYouMean(name, catalog.entityNamesAndAliases());
    return Status::error("unknown entity '" + name + "'" + (hint.empty() ? "" : "; " + hint));
}

Result<ConflictKeys> resolveConflictKeys(const DiagramRequest& request,
                                         const Vocabulary& vocabulary,
                                         const std::vector<const schema::RelationInfo*>& drawn) {
    const std::map<std::string, std::string>& names =
        request.conflictKeys.empty() ? vocabulary.conflictKeys : request.conflictKeys;
    ConflictKeys keys;
    for (const schema::RelationInfo* relation : drawn) {
        auto named = names.find(relation->name);
        if (named == names.end()) continue;
        std::vector<size_t> entityColumns;
        for (size_t c = 0; c < relation->columns.size(); ++c)
            if (relation->columns[c].kind == schema::ColumnKind::Entity) entityColumns.push_back(c);
        auto column = std::find_if(entityColumns.begin(), entityColumns.begin() + 2, [&](size_t c) {
            return relation->columns[c].name == named->second;
        });
        if (column == entityColumns.begin() + 2)
            return Status::error("conflict key '" + named->second + "' is not one of the two " +
                                 "entity columns of '" + relation->name + "'");
        keys[relation->id] = *column;
    }
    return keys;
}

struct Focus {
    std::optional<EntityId> entity, chain;
};

// One view: the edges of the drawn relations at (window, knownAt), policy and filters applied.
std::vector<EdgeGroup> snapshot(const GraphView& graph, const Vocabulary& vocabulary,
                                const DiagramRequest& request,
                                const std::vector<const schema::RelationInfo*>& relations,
                                const ConflictKeys& keys, const Focus& focus,
                                std::optional<Interval> window, std::optional<DayNumber> knownAt) {
    std::vector<EdgeGroup> edges = collectEdges(graph, relations, window, knownAt);
    if (request.policy == ConflictPolicy::PreferLatest) preferLatest(edges, keys, graph.catalog());
    if (focus.entity) {
        Hints hints = collectHints(graph, vocabulary, knownAt);
        keepSupplyChain(edges, *focus.entity, hints.owns[*focus.entity]);
    }
    if (focus.chain) keepChain(edges, *focus.chain, request.hops);
    markConflicts(edges, keys);
    return edges;
}

} // namespace

std::string describeDiagramRequest(const DiagramRequest& request) {
    std::vector<std::string> parts;
    const std::vector<std::string>& relations = request.relations;
    std::string joined;
    for (const std::string& r : relations)
        joined += (joined.empty() ? "" : ", ") + r;
    parts.push_back(request.query ? request.queryText : joined);
    if (request.entity) parts.push_back("supply chain of " + *request.entity);
    if (request.chainOf)
        parts.push_back("within " + std::to_string(request.hops) +
                        (request.hops == 1 ? " hop of " : " hops of ") + *request.chainOf);
    // A query's text already shows the dates it gave itself; dates added by options do not.
    auto said = [&](const char* words) {
        return request.query && request.queryText.find(words) != std::string::npos;
    };
    if (request.window && !said(" as of ") && !said(" during ") && !said(" in "))
        parts.push_back("as of " + formatInterval(*request.window));
    if (request.knownAt && !said(" known at "))
        parts.push_back("known at " + formatDay(*request.knownAt));
    if (request.policy == ConflictPolicy::PreferLatest) parts.push_back("prefer latest");
    if (!request.under.empty()) {
        std::string names;
        for (const std::string& n : request.under)
            names += (names.empty() ? "" : ", ") + n;
        parts.push_back("under " + names);
    }
    if (request.diff) {
        const DiagramDiff& d = *request.diff;
        std::string to = d.to ? d.to->toString() : "now";
        parts.push_back((d.axis == DiffAxis::KnownAt ? "changes known at " : "changes as of ") +
                        d.from.toString() + " → " + to);
    }
    std::string title;
    for (const std::string& p : parts)
        title += (title.empty() ? "" : " · ") + p;
    return title;
}

namespace {

// A query's edges as drawn: with the request's policy, `where` filter and conflicts.
Status shapeQueryEdges(const GraphView& graph, const DiagramRequest& request,
                       const ConflictKeys& keys, Hints& hints, std::vector<EdgeGroup>& edges) {
    if (request.policy == ConflictPolicy::PreferLatest) preferLatest(edges, keys, graph.catalog());
    if (request.entity) {
        Result<EntityId> id = resolveEntity(graph.catalog(), *request.entity);
        if (!id) return id.status();
        keepSupplyChain(edges, id.value(), hints.owns[id.value()]);
    }
    markConflicts(edges, keys);
    return Status::ok();
}

// A diagram of a query: its edges, with the same policy, `where` filter and conflicts. With a
// baseline (under a scenario), the baseline's answers' edges are the `before` of a diff.
Result<Diagram> buildQueryDiagram(const GraphView& graph, const Vocabulary& vocabulary,
                                  DiagramRequest request, const GraphView* baseline) {
    if (!request.relations.empty() || request.chainOf || request.diff)
        return Status::error("a diagram of a query cannot also name relations, a chain or a diff");
    const bind::BoundQuery& query = *request.query;
    request.window = query.window;
    request.knownAt = query.knownAt;
    Result<QueryDrawing> drawing = drawQuery(graph, query);
    if (!drawing) return drawing.status();
    std::optional<QueryDrawing> before;
    if (baseline) {
        Result<QueryDrawing> drawn = drawQuery(*baseline, query);
        if (!drawn) return drawn.status();
        before = std::move(drawn.value());
    }
    if (drawing.value().answers == 0 && (!before || before->answers == 0))
        return Status::error("the query has no answers: nothing to draw");
    QueryDrawing& d = drawing.value();
    std::vector<const schema::RelationInfo*> relations = d.relations;
    if (before)
        for (const schema::RelationInfo* r : before->relations)
            if (std::find(relations.begin(), relations.end(), r) == relations.end())
                relations.push_back(r);
    for (const schema::RelationInfo* relation : relations)
        request.relations.push_back(relation->name);
    Result<ConflictKeys> keys = resolveConflictKeys(request, vocabulary, relations);
    if (!keys) return keys.status();
    std::set<EntityId> focus(d.nodes.begin(), d.nodes.end());
    Hints hints = collectHints(graph, vocabulary, request.knownAt);
    hints.notes = std::move(d.notes);
    if (Status s = shapeQueryEdges(graph, request, keys.value(), hints, d.edges); !s) return s;
    if (before) {
        // The baseline's edges sort by the merged relation list; its nodes' notes show too.
        for (EdgeGroup& e : before->edges)
            e.relationIndex = static_cast<size_t>(
                std::find(relations.begin(), relations.end(), e.relation) - relations.begin());
        for (auto& [id, lines] : before->notes)
            hints.notes.emplace(id, std::move(lines));
        focus.insert(before->nodes.begin(), before->nodes.end());
        if (Status s = shapeQueryEdges(graph, request, keys.value(), hints, before->edges); !s)
            return s;
    }
    if (request.entity) focus.insert(resolveEntity(graph.catalog(), *request.entity).value());
    return assembleDiagram(graph, vocabulary, request, d.edges, before ? &before->edges : nullptr,
                           hints, std::vector<EntityId>(focus.begin(), focus.end()));
}

} // namespace

Result<Diagram> buildDiagram(const GraphView& graph, const DiagramRequest& asked,
                             const GraphView* baseline) {
    Vocabulary vocabulary = readVocabulary(graph.catalog());
    if (asked.query) return buildQueryDiagram(graph, vocabulary, asked, baseline);
    // A request naming no relation draws the declared ones (and says so in its title).
    DiagramRequest request = asked;
    if (request.relations.empty()) request.relations = vocabulary.defaultRelations;
    const schema::Catalog& catalog = graph.catalog();
    Result<std::vector<const schema::RelationInfo*>> relations = resolveRelations(catalog, request);
    if (!relations) return relations.status();
    Result<ConflictKeys> keys = resolveConflictKeys(request, vocabulary, relations.value());
    if (!keys) return keys.status();
    Focus focus;
    std::vector<EntityId> focusIds;
    for (auto [name, slot] :
         {std::pair{&request.entity, &focus.entity}, std::pair{&request.chainOf, &focus.chain}}) {
        if (!*name) continue;
        Result<EntityId> id = resolveEntity(catalog, **name);
        if (!id) return id.status();
        *slot = id.value();
        focusIds.push_back(id.value());
    }
    if (request.chainOf && request.hops < 1)
        return Status::error("hops must be at least 1 (got " + std::to_string(request.hops) + ")");

    std::optional<Interval> window = request.window, windowBefore = request.window;
    std::optional<DayNumber> knownAt = request.knownAt, knownBefore = request.knownAt;
    if (request.diff) {
        const DiagramDiff& d = *request.diff;
        if (d.axis == DiffAxis::KnownAt) {
            knownBefore = d.from.lastDay();
            knownAt = d.to ? std::optional<DayNumber>(d.to->lastDay()) : request.knownAt;
        } else {
            if (!d.to)
                return Status::error("a diff of what holds needs two dates, as in 2025..2026");
            windowBefore = Interval::of(d.from);
            window = Interval::of(*d.to);
        }
    }
    std::vector<EdgeGroup> edges = snapshot(graph, vocabulary, request, relations.value(),
                                            keys.value(), focus, window, knownAt);
    std::optional<std::vector<EdgeGroup>> before;
    if (baseline)
        before = snapshot(*baseline, vocabulary, request, relations.value(), keys.value(), focus,
                          window, knownAt);
    else if (request.diff)
        before = snapshot(graph, vocabulary, request, relations.value(), keys.value(), focus,
                          windowBefore, knownBefore);
    Hints hints = collectHints(graph, vocabulary, knownAt);
    return assembleDiagram(graph, vocabulary, request, edges, before ? &*before : nullptr, hints,
                           focusIds);
}

} // namespace chipgraph::diagram
