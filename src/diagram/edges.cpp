// Diagram edges: facts grouped into edges, the `prefer latest` policy, the entity and chain
// filters, and conflict marking. Definitions are in builder.h.
#include "diagram/builder_impl.h"

#include "schema/value_text.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace chipgraph::diagram {

namespace {

// The entity at the key column, and the edge's other end.
std::pair<EntityId, EntityId> keyAndOther(const EdgeGroup& edge, size_t keyColumn) {
    const std::vector<schema::Column>& columns = edge.relation->columns;
    size_t firstEntity = 0;
    while (firstEntity < columns.size() && columns[firstEntity].kind != schema::ColumnKind::Entity)
        ++firstEntity;
    if (keyColumn == firstEntity) return {edge.from, edge.to};
    return {edge.to, edge.from};
}

std::set<SourceId> sourcesOf(const EdgeGroup& edge) {
    std::set<SourceId> sources;
    for (const schema::Fact& f : edge.facts)
        if (f.source != kNoId) sources.insert(f.source);
    return sources;
}

// Two edges' claims collide when a fact of each holds at the same time in a role that may be
// the same (diagram_roles.cpp): a front-end and a back-end partner share a chip without
// contradicting each other.
bool claimsCollide(const EdgeGroup& x, const EdgeGroup& y) {
    for (const schema::Fact& fx : x.facts)
        for (const schema::Fact& fy : y.facts)
            if (fx.valid.overlaps(fy.valid) && rolesMayCoincide(roleParts(roleOf(fx, x.roleIndex)),
                                                                roleParts(roleOf(fy, y.roleIndex))))
                return true;
    return false;
}

} // namespace

std::string EdgeGroup::key() const {
    return relation->name + "\x1f" + std::to_string(from) + "\x1f" + std::to_string(to) + "\x1f" +
           extra;
}

schema::FactStatus EdgeGroup::status() const {
    schema::FactStatus best = schema::FactStatus::View;
    for (const schema::Fact& f : facts)
        best = std::min(best, f.status);
    return best;
}

Interval EdgeGroup::hull() const {
    Interval hull{kMaxDay, kMinDay};
    for (const schema::Fact& f : facts) {
        hull.from = std::min(hull.from, f.valid.from);
        hull.to = std::max(hull.to, f.valid.to);
    }
    return hull;
}

DayNumber reportDay(const schema::Fact& fact, const schema::Catalog& catalog) {
    if (fact.source == kNoId) return kMinDay;
    const std::optional<PartialDate>& published = catalog.source(fact.source).published;
    return published ? published->firstDay() : kMinDay;
}

std::string validityLabel(const Interval& interval) {
    if (interval.isAlways()) return "";
    std::string text = formatInterval(interval), out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "..") == 0) {
            out += "–"; // en dash, as analysts write periods
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

void groupFacts(std::vector<schema::Fact> facts, size_t relationIndex,
                const schema::RelationInfo& relation, const GraphView& graph,
                std::vector<EdgeGroup>& edges) {
    const schema::Catalog& catalog = graph.catalog();
    bool timeless = graph.isTimeless(relation.id);
    int roleIndex = readVocabulary(catalog).roleIndex(relation);
    std::map<std::string, size_t> byKey;
    for (schema::Fact& fact : facts) {
        EdgeGroup edge;
        edge.relationIndex = relationIndex;
        edge.relation = &relation;
        edge.timeless = timeless;
        edge.roleIndex = roleIndex;
        for (size_t c = 0; c < relation.columns.size() && c < fact.args.size(); ++c) {
            const Value& v = fact.args[c];
            bool entityColumn = relation.columns[c].kind == schema::ColumnKind::Entity;
            if (entityColumn && edge.from == kNoId)
                edge.from = v.entityId();
            else if (entityColumn && edge.to == kNoId)
                edge.to = v.entityId();
            else
                edge.extra += (edge.extra.empty() ? "" : ", ") + relation.columns[c].name + ": " +
                              schema::displayValue(v, catalog);
        }
        auto [it, added] = byKey.try_emplace(edge.key(), edges.size());
        if (added) edges.push_back(std::move(edge));
        edges[it->second].facts.push_back(std::move(fact));
    }
}

std::vector<EdgeGroup> collectEdges(const GraphView& graph,
                                    const std::vector<const schema::RelationInfo*>& relations,
                                    std::optional<Interval> window,
                                    std::optional<DayNumber> knownAt) {
    std::vector<EdgeGroup> edges;
    for (size_t r = 0; r < relations.size(); ++r)
        groupFacts(graph.factsOf(relations[r]->id, window, knownAt), r, *relations[r], graph,
                   edges);
    return edges;
}

void preferLatest(std::vector<EdgeGroup>& edges, const ConflictKeys& keys,
                  const schema::Catalog& catalog) {
    auto groupOf = [&](const EdgeGroup& e) {
        auto key = keys.find(e.relation->id);
        if (key == keys.end()) return e.key();
        return e.relation->name + "\x1f" + std::to_string(keyAndOther(e, key->second).first);
    };
    std::map<std::string, DayNumber> latest;
    for (const EdgeGroup& e : edges)
        for (const schema::Fact& f : e.facts) {
            auto [it, added] = latest.try_emplace(groupOf(e), reportDay(f, catalog));
            it->second = std::max(it->second, reportDay(f, catalog));
        }
    for (EdgeGroup& e : edges) {
        DayNumber keep = latest[groupOf(e)];
        std::erase_if(e.facts,
                      [&](const schema::Fact& f) { return reportDay(f, catalog) != keep; });
    }
    std::erase_if(edges, [](const EdgeGroup& e) { return e.facts.empty(); });
}

void keepSupplyChain(std::vector<EdgeGroup>& edges, EntityId entity,
                     const std::vector<EntityId>& owned) {
    std::unordered_set<EntityId> scope(owned.begin(), owned.end());
    scope.insert(entity);
    std::vector<bool> keep(edges.size(), false);
    std::unordered_set<EntityId> downstream;
    for (size_t i = 0; i < edges.size(); ++i) {
        if (!scope.count(edges[i].from) && !scope.count(edges[i].to)) continue;
        keep[i] = true;
        if (scope.count(edges[i].from) && !scope.count(edges[i].to)) downstream.insert(edges[i].to);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (size_t i = 0; i < edges.size(); ++i) {
            if (keep[i] || !downstream.count(edges[i].from)) continue;
            keep[i] = grew = true;
            if (!scope.count(edges[i].to)) downstream.insert(edges[i].to);
        }
    }
    size_t i = 0;
    std::erase_if(edges, [&](const EdgeGroup&) { return !keep[i++]; });
}

void keepChain(std::vector<EdgeGroup>& edges, EntityId entity, int hops) {
    std::unordered_map<EntityId, std::vector<EntityId>> neighbours;
    for (const EdgeGroup& e : edges) {
        neighbours[e.from].push_back(e.to);
        neighbours[e.to].push_back(e.from);
    }
    std::unordered_map<EntityId, int> distance{{entity, 0}};
    std::deque<EntityId> queue{entity};
    while (!queue.empty()) {
        EntityId at = queue.front();
        queue.pop_front();
        if (distance[at] == hops) continue;
        for (EntityId next : neighbours[at])
            if (distance.try_emplace(next, distance[at] + 1).second) queue.push_back(next);
    }
    std::erase_if(edges, [&](const EdgeGroup& e) {
        return !distance.count(e.from) || !distance.count(e.to);
    });
}

void markConflicts(std::vector<EdgeGroup>& edges, const ConflictKeys& keys) {
    std::map<std::pair<RelationId, EntityId>, std::vector<size_t>> byKey;
    for (size_t i = 0; i < edges.size(); ++i) {
        auto key = keys.find(edges[i].relation->id);
        if (key == keys.end()) continue;
        byKey[{edges[i].relation->id, keyAndOther(edges[i], key->second).first}].push_back(i);
    }
    for (const auto& [key, members] : byKey) {
        for (size_t a = 0; a < members.size(); ++a) {
            for (size_t b = a + 1; b < members.size(); ++b) {
                EdgeGroup& x = edges[members[a]];
                EdgeGroup& y = edges[members[b]];
                size_t keyColumn = keys.at(x.relation->id);
                EntityId xOther = keyAndOther(x, keyColumn).second;
                EntityId yOther = keyAndOther(y, keyColumn).second;
                if (xOther == yOther || !claimsCollide(x, y)) continue;
                std::set<SourceId> xs = sourcesOf(x), ys = sourcesOf(y), both;
                std::set_intersection(xs.begin(), xs.end(), ys.begin(), ys.end(),
                                      std::inserter(both, both.begin()));
                if (!both.empty()) continue; // one source names both: a collaboration
                x.rivals.push_back(yOther);
                y.rivals.push_back(xOther);
            }
        }
    }
}

} // namespace chipgraph::diagram
