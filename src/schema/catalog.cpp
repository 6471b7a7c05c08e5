#include "schema/catalog.h"

#include "schema/names_over_time.h"

#include "common/text.h"

#include <algorithm>

namespace chipgraph::schema {

int RelationInfo::qualifierIndex(std::string_view name) const {
    for (size_t i = 0; i < qualifiers.size(); ++i)
        if (text::foldCase(qualifiers[i].name) == text::foldCase(name)) return static_cast<int>(i);
    return -1;
}

// `byId`: a std::unordered_map or a DenseTable.
template <typename ById>
static const auto* lookup(const NameIndex& byName, const ById& byId, std::string_view name) {
    int64_t id = byName.find(name);
    return id == kNoId ? nullptr : &byId.at(id);
}

const TypeInfo* Catalog::findType(std::string_view name) const {
    return lookup(typeByName_, types_, name);
}
const RelationInfo* Catalog::findRelation(std::string_view name) const {
    return lookup(relationByName_, relations_, name);
}
const EntityInfo* Catalog::findEntity(std::string_view name) const {
    if (const EntityInfo* held = lookup(entityByName_, entities_, name)) return held;
    return reads_ ? readEntityNamed(name) : nullptr;
}
void Catalog::prefetchEntity(std::string_view name) const {
    // find() computes the entity's address without reading the entity.
    if (const EntityInfo* entity = entities_.find(entityByName_.find(name)))
        __builtin_prefetch(&entity->type);
}
const SourceInfo* Catalog::findSource(std::string_view name) const {
    return lookup(sourceByName_, sources_, name);
}

bool Catalog::setNameTerms(EntityId entity, std::string_view name, NameTerms terms) {
    EntityInfo& info = heldEntity(entity);
    int index = nameIndex(info, name);
    if (index == kNotAName) return false;
    (index == kEntityName ? info.nameTerms : info.aliasTerms[index]) = terms;
    changed();
    return true;
}

const std::string& Catalog::shownName(EntityId id) const {
    const EntityInfo& info = entity(id);
    return namesKnownAt_ ? nameShownAt(*this, info, *namesKnownAt_) : info.name;
}

bool Catalog::isSubtype(TypeId type, TypeId ancestor) const {
    // Depth is bounded by the number of types: declarations cannot form cycles.
    for (TypeId t = type; t != kNoId; t = types_.at(t).parent)
        if (t == ancestor) return true;
    return false;
}

std::vector<EntityId> Catalog::entitiesOfType(TypeId type) const {
    readAllEntities();
    std::vector<const EntityInfo*> found;
    for (const auto& [id, e] : entities_)
        if (isSubtype(e.type, type)) found.push_back(&e);
    std::sort(found.begin(), found.end(),
              [](const EntityInfo* a, const EntityInfo* b) { return a->name < b->name; });
    std::vector<EntityId> ids;
    for (const EntityInfo* e : found)
        ids.push_back(e->id);
    return ids;
}

template <typename Map, typename F> static std::vector<std::string> namesOf(const Map& m, F f) {
    std::vector<std::string> out;
    for (const auto& [id, info] : m)
        f(info, out);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> Catalog::typeNames() const {
    return namesOf(types_, [](const TypeInfo& t, auto& out) { out.push_back(t.name); });
}
std::vector<std::string> Catalog::relationNames() const {
    return namesOf(relations_, [](const RelationInfo& r, auto& out) { out.push_back(r.name); });
}
std::vector<std::string> Catalog::entityNamesAndAliases() const {
    readAllEntities();
    return namesOf(entities_, [](const EntityInfo& e, auto& out) {
        out.push_back(e.name);
        out.insert(out.end(), e.aliases.begin(), e.aliases.end());
    });
}
std::vector<std::string> Catalog::sourceNames() const {
    return namesOf(sources_, [](const SourceInfo& s, auto& out) { out.push_back(s.name); });
}

template <typename Info> static std::vector<const Info*> byIdOrder(const auto& map) {
    std::vector<const Info*> out;
    for (const auto& [id, info] : map)
        out.push_back(&info);
    std::sort(out.begin(), out.end(), [](const Info* a, const Info* b) { return a->id < b->id; });
    return out;
}

std::vector<const TypeInfo*> Catalog::types() const {
    return byIdOrder<TypeInfo>(types_);
}
std::vector<const RelationInfo*> Catalog::relations() const {
    return byIdOrder<RelationInfo>(relations_);
}
std::vector<const EntityInfo*> Catalog::entities() const {
    readAllEntities();
    return byIdOrder<EntityInfo>(entities_);
}
std::vector<const SourceInfo*> Catalog::sources() const {
    return byIdOrder<SourceInfo>(sources_);
}

static int64_t claim(int64_t requested, int64_t& next) {
    int64_t id = requested == kNoId ? next : requested;
    next = std::max(next, id + 1);
    return id;
}

TypeId Catalog::addType(std::string name, TypeId parent, TypeId id) {
    id = claim(id, nextTypeId_);
    std::string key = text::foldCase(name);
    log(Change::Kind::Type, id, key, typeByName_);
    typeByName_.set(std::move(key), id);
    types_[id] = TypeInfo{id, std::move(name), parent};
    return id;
}

RelationId Catalog::addRelation(RelationInfo relation) {
    relation.id = claim(relation.id, nextRelationId_);
    std::string key = text::foldCase(relation.name);
    log(Change::Kind::Relation, relation.id, key, relationByName_);
    relationByName_.set(std::move(key), relation.id);
    RelationId id = relation.id;
    relations_[id] = std::move(relation);
    return id;
}

EntityId Catalog::addEntity(std::string name, TypeId type, EntityId id) {
    id = claim(id, nextEntityId_);
    std::string key = text::foldCase(name);
    log(Change::Kind::Entity, id, key, entityByName_);
    entityByName_.set(std::move(key), id);
    EntityInfo info;
    info.id = id;
    info.name = std::move(name);
    info.type = type;
    entities_.put(std::move(info));
    return id;
}

void Catalog::addAlias(EntityId entity, std::string alias, NameTerms terms) {
    EntityInfo& info = heldEntity(entity); // read before the log: its names are not the change
    std::string key = text::foldCase(alias);
    log(Change::Kind::Alias, entity, key, entityByName_);
    entityByName_.set(std::move(key), entity);
    info.aliases.push_back(std::move(alias));
    info.aliasTerms.push_back(terms);
}

SourceId Catalog::addSource(SourceInfo source) {
    source.id = claim(source.id, nextSourceId_);
    std::string key = text::foldCase(source.name);
    log(Change::Kind::Source, source.id, key, sourceByName_);
    sourceByName_.set(std::move(key), source.id);
    SourceId id = source.id;
    sources_[id] = std::move(source);
    return id;
}

void Catalog::addDrawing(Drawing drawing) {
    for (const Drawing& d : drawings_)
        if (d.text == drawing.text) return;
    log(Change::Kind::Drawing, kNoId, {}, {});
    drawings_.push_back(std::move(drawing));
}

int64_t Catalog::addJudgement(Judgement judgement) {
    judgement.id = claim(judgement.id, nextJudgementId_);
    log(Change::Kind::Judgement, judgement.id, {}, {});
    judgements_.push_back(std::move(judgement));
    return judgements_.back().id;
}

std::string RelationInfo::keyText() const {
    std::string out;
    for (int c : keyColumns)
        out += (out.empty() ? "" : ", ") + columns[c].name;
    for (int q : keyQualifiers)
        out += (out.empty() ? "" : ", ") + qualifiers[q].name;
    return out;
}

int64_t Catalog::addRule(RuleInfo rule) {
    rule.id = claim(rule.id, nextRuleId_);
    log(Change::Kind::Rule, rule.id, {}, {});
    rules_.push_back(std::move(rule));
    return rules_.back().id;
}

} // namespace chipgraph::schema
