// Where nodes go: each chip's owner (its cluster), its first dated event and the generation
// order, read from the graph's facts whether or not those relations are drawn.
#include "diagram/builder_impl.h"

#include <algorithm>
#include <array>
#include <set>

namespace chipgraph::diagram {

namespace {

// (later, earlier): the second column's entity comes first in time.
constexpr std::array<const char*, 2> kGenerationRelations{"successor_of", "variant_of"};
constexpr std::array<const char*, 5> kEventRelations{"announced", "generally_available",
                                                     "in_service", "mass_production", "in_design"};

void collectOwners(const GraphView& graph, std::optional<DayNumber> knownAt, Hints& hints) {
    const schema::RelationInfo* develops = graph.catalog().findRelation(kOwnerRelation);
    if (!develops || develops->columns.size() < 2) return;
    std::unordered_map<EntityId, schema::FactStatus> ownerStatus;
    for (const schema::Fact& f : graph.factsOf(develops->id, std::nullopt, knownAt)) {
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

void collectEvents(const GraphView& graph, std::optional<DayNumber> knownAt, Hints& hints) {
    const schema::Catalog& catalog = graph.catalog();
    for (const char* name : kEventRelations) {
        const schema::RelationInfo* relation = catalog.findRelation(name);
        if (!relation) continue;
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

Hints collectHints(const GraphView& graph, std::optional<DayNumber> knownAt) {
    Hints hints;
    collectOwners(graph, knownAt, hints);
    collectEvents(graph, knownAt, hints);
    for (const char* name : kGenerationRelations) {
        const schema::RelationInfo* relation = graph.catalog().findRelation(name);
        if (!relation) continue;
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

NodeKind nodeKindOf(const schema::Catalog& catalog, EntityId entity) {
    static const std::array<std::pair<const char*, NodeKind>, 8> kKinds{{
        {"Vendor", NodeKind::Vendor},
        {"DesignFirm", NodeKind::DesignFirm},
        {"Foundry", NodeKind::Foundry},
        {"MemoryMaker", NodeKind::MemoryMaker},
        {"Lab", NodeKind::Lab},
        {"Chip", NodeKind::Chip},
        {"ProcessNode", NodeKind::ProcessNode},
        {"Company", NodeKind::Company},
    }};
    TypeId type = catalog.entity(entity).type;
    for (const auto& [name, kind] : kKinds) {
        const schema::TypeInfo* info = catalog.findType(name);
        if (info && catalog.isSubtype(type, info->id)) return kind;
    }
    return NodeKind::Other;
}

} // namespace chipgraph::diagram
