#pragma once
// The catalog: types and subtypes, relations and their columns, entities and their aliases,
// and sources. Names are case-insensitive (ASCII folding; other scripts compare exactly) and an
// entity's aliases resolve to it everywhere. The catalog is a plain value: the engine copies it
// to bind a file and keeps the copy only if the whole file is accepted.
#include "common/partial_date.h"
#include "common/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chipgraph::schema {

struct TypeInfo {
    TypeId id = kNoId;
    std::string name;
    TypeId parent = kNoId;
};

// Unknown only while the binder infers a derived relation's columns.
enum class ColumnKind { Entity, Text, Number, Unknown };

struct Column {
    std::string name;
    ColumnKind kind = ColumnKind::Entity;
    TypeId type = kNoId; // for ColumnKind::Entity
};

struct RelationInfo {
    RelationId id = kNoId;
    std::string name;
    std::vector<Column> columns;
    std::vector<Column> qualifiers;
    bool derived = false; // defined by rules, not by facts
    // Index of the qualifier column with this name, or -1.
    int qualifierIndex(std::string_view name) const;
};

struct EntityInfo {
    EntityId id = kNoId;
    std::string name;
    TypeId type = kNoId;
    std::vector<std::string> aliases;
};

// A rule as stored: its canonical text (re-bound when a database is opened).
struct RuleInfo {
    int64_t id = 0;
    RelationId relation = kNoId;
    std::string text;
};

struct SourceInfo {
    SourceId id = kNoId;
    std::string name;
    std::string title;
    std::string author;
    std::string url;
    std::optional<PartialDate> published;
};

class Catalog {
public:
    // Lookups by name (case-insensitive); nullptr when unknown.
    const TypeInfo* findType(std::string_view name) const;
    const RelationInfo* findRelation(std::string_view name) const;
    const EntityInfo* findEntity(std::string_view nameOrAlias) const;
    const SourceInfo* findSource(std::string_view name) const;

    // Lookups by id; the id must exist.
    const TypeInfo& type(TypeId id) const { return types_.at(id); }
    const RelationInfo& relation(RelationId id) const { return relations_.at(id); }
    const EntityInfo& entity(EntityId id) const { return entities_.at(id); }
    const SourceInfo& source(SourceId id) const { return sources_.at(id); }

    // True when `type` is `ancestor` or one of its (transitive) subtypes.
    bool isSubtype(TypeId type, TypeId ancestor) const;
    // Every entity whose type is `type` or a subtype of it, ordered by name.
    std::vector<EntityId> entitiesOfType(TypeId type) const;

    // Names for "did you mean" suggestions.
    std::vector<std::string> typeNames() const;
    std::vector<std::string> relationNames() const;
    std::vector<std::string> entityNamesAndAliases() const;
    std::vector<std::string> sourceNames() const;

    // All items, ordered by id.
    std::vector<const TypeInfo*> types() const;
    std::vector<const RelationInfo*> relations() const;
    std::vector<const EntityInfo*> entities() const;
    std::vector<const SourceInfo*> sources() const;

    // Mutations. Preconditions (checked by the binder): the name is free. `id` kNoId assigns
    // the next free id; the store passes the ids it has saved.
    TypeId addType(std::string name, TypeId parent, TypeId id = kNoId);
    RelationId addRelation(RelationInfo relation);
    EntityId addEntity(std::string name, TypeId type, EntityId id = kNoId);
    void addAlias(EntityId entity, std::string alias);
    SourceId addSource(SourceInfo source);
    // Adds a rule (id kNoId: the next free one); returns its id.
    int64_t addRule(RuleInfo rule);
    const std::vector<RuleInfo>& rules() const { return rules_; }
    // Forgets the rules (not their relations): used to re-bind stored rule texts.
    void clearRules() { rules_.clear(); }

private:
    template <typename Map> static int64_t nextId(const Map& map);

    std::unordered_map<TypeId, TypeInfo> types_;
    std::unordered_map<RelationId, RelationInfo> relations_;
    std::unordered_map<EntityId, EntityInfo> entities_;
    std::unordered_map<SourceId, SourceInfo> sources_;
    std::vector<RuleInfo> rules_;
    std::unordered_map<std::string, TypeId> typeByName_;
    std::unordered_map<std::string, RelationId> relationByName_;
    std::unordered_map<std::string, EntityId> entityByName_; // names and aliases, folded
    std::unordered_map<std::string, SourceId> sourceByName_;
    int64_t nextTypeId_ = 1, nextRelationId_ = 1, nextEntityId_ = 1, nextSourceId_ = 1,
            nextRuleId_ = 1;
};

} // namespace chipgraph::schema
