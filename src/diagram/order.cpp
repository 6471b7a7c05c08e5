// Where nodes go: each chip's owner (its cluster), its first dated event and the generation
// order, read from the graph's facts whether or not those relations are drawn.
#include "diagram/builder_impl.h"

#include <algorithm>
#include <set>

namespace chipgraph::diagram {

namespace {

void collectOwners(const GraphView& graph, const schema::RelationInfo* ownerRelation,
                   std::optional<DayNumber> knownAt, Hints& hints) {
    if (!ownerRelation || ownerRelation->columns.size() < 2) return;
    std::unordered_map<EntityId, schema::FactStatus> ownerStatus;
    for (const schema::Fact& f : graph.factsOf(ownerRelation->id, std::nullopt, knownAt)) {
        if (!f.args[0].isEntity() || !f.args[1].isEntity()) continue;
        EntityId owner = f.args[0].entityId(), chip = f.args[1].entityId();
        std::vector<EntityId>& owned = hints.owns[owner];
        if (std::find(owned.begin(), owned.end(), chip) == owned.end()) owned.push_back(chip);
        // The strongest claim owns the chip; among equals, the first loaded.
        auto [it, added] = ownerStatus.try_emplace(chip, f.status);
        if (added || f.status < it->second) {
            it->second = f.status;
            hints.owner[chip] = owner;
        }
    }
}

void collectEvents(const GraphView& graph, const Vocabulary& vocabulary,
                   std::optional<DayNumber> knownAt, Hints& hints) {
    const schema::Catalog& catalog = graph.catalog();
    for (const schema::RelationInfo* relation : vocabulary.events) {
        for (const schema::Fact& f : graph.factsOf(relation->id, std::nullopt, knownAt)) {
            if (f.args.empty() || !f.args[0].isEntity() || f.valid.from == kMinDay) continue;
            DatedEvent& event = hints.firstEvent[f.args[0].entityId()];
            if (f.valid.from >= event.day) continue;
            event.day = f.valid.from;
            event.text = coarsestStartingOn(f.valid.from).toString() + " (" + relation->name +
                         (f.source != kNoId ? ", " + catalog.source(f.source).name : "") + ")";
        }
    }
}

} // namespace

Hints collectHints(const GraphView& graph, const Vocabulary& vocabulary,
                   std::optional<DayNumber> knownAt) {
    Hints hints;
    collectOwners(graph, vocabulary.owner, knownAt, hints);
    collectEvents(graph, vocabulary, knownAt, hints);
    // (later, earlier): the second column's entity comes first in time.
    for (const schema::RelationInfo* relation : vocabulary.successors) {
        for (const schema::Fact& f : graph.factsOf(relation->id, std::nullopt, knownAt))
            if (f.args.size() >= 2 && f.args[0].isEntity() && f.args[1].isEntity())
                hints.before.emplace_back(f.args[1].entityId(), f.args[0].entityId());
    }
    return hints;
}

std::unordered_map<EntityId, int> timeOrder(const Hints& hints,
                                            const std::vector<EntityId>& entities,
                                            const schema::Catalog& catalog) {
    std::set<EntityId> present(entities.begin(), entities.end());
    std::unordered_map<EntityId, std::vector<EntityId>> later;
    std::unordered_map<EntityId, int> waiting;
    for (auto [earlier, next] : hints.before) {
        if (!present.count(earlier) || !present.count(next) || earlier == next) continue;
        later[earlier].push_back(next);
        ++waiting[next];
    }
    // Sort key: own date, else (inherited) just after the latest predecessor, else last.
    std::unordered_map<EntityId, int64_t> day;
    for (EntityId e : entities) {
        auto event = hints.firstEvent.find(e);
        day[e] = event != hints.firstEvent.end() ? event->second.day : int64_t(kMaxDay) + 1;
    }
    auto rank = [&](EntityId a, EntityId b) {
        if (day[a] != day[b]) return day[a] < day[b];
        return catalog.entity(a).name < catalog.entity(b).name;
    };
    std::set<EntityId, decltype(rank)> ready(rank);
    for (EntityId e : entities)
        if (!waiting[e]) ready.insert(e);
    std::unordered_map<EntityId, int> order;
    std::unordered_set<EntityId> inherited;
    int position = 0;
    while (!ready.empty()) {
        EntityId at = *ready.begin();
        ready.erase(ready.begin());
        order[at] = position++;
        for (EntityId next : later[at]) {
            // An undated generation inherits the day after its latest predecessor's.
            if (!hints.firstEvent.count(next))
                day[next] =
                    inherited.insert(next).second ? day[at] + 1 : std::max(day[next], day[at] + 1);
            if (--waiting[next] == 0) ready.insert(next);
        }
    }
    // A cycle in the generation facts: what is left goes last, by date and name.
    std::vector<EntityId> rest;
    for (EntityId e : entities)
        if (!order.count(e)) rest.push_back(e);
    std::sort(rest.begin(), rest.end(), rank);
    for (EntityId e : rest)
        order[e] = position++;
    return order;
}

} // namespace chipgraph::diagram
