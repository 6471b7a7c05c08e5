#pragma once
// The catalog: types and subtypes, relations and their columns, entities and their aliases,
// and sources. Names are case-insensitive (ASCII folding; other scripts compare exactly) and an
// entity's aliases resolve to it everywhere. Changes can be made tentatively (beginChanges,
// then commitChanges or rollbackChanges): the engine binds a unit of input against the live
// catalog and undoes the unit's additions if it fails, without copying the catalog.
#include "common/partial_date.h"
#include "common/value.h"
#include "schema/dense_table.h"
#include "schema/drawing.h"
#include "schema/entity_source.h"
#include "schema/fact.h"
#include "schema/name_index.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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
    // Facts hold independently of time: one stated without dates is valid always, not undated.
    bool timeless = false;
    // Facts are amounts over their whole validity period (flows): never split over time.
    bool perPeriod = false;
    // `key (...)`: the argument and qualifier columns (indices) that, with the validity, name
    // one claim; claims of one key with other values disagree (docs/time.md). Empty: no key.
    std::vector<int> keyColumns;
    std::vector<int> keyQualifiers;
    bool keyed() const { return !keyColumns.empty() || !keyQualifiers.empty(); }
    // The key as declared: "owner", "chip, role" (arguments first).
    std::string keyText() const;
    // Index of the qualifier column with this name, or -1.
    int qualifierIndex(std::string_view name) const;
};

// `deprecate FACT because "reason" per SOURCE.`: the claims matching `pattern` (its arguments;
// its validity too when `matchValidity`) are kept but rank below the others (docs/time.md).
struct Judgement {
    int64_t id = 0;
    Fact pattern; // the arguments (and validity) matched; source and status unused
    bool matchValidity = false;
    std::string reason;
    SourceId source = kNoId; // who judged
    // True when `fact` is one of the claims judged.
    bool matches(const Fact& fact) const {
        return fact.relation == pattern.relation && fact.args == pattern.args &&
               (!matchValidity || fact.valid == pattern.valid);
    }
};

// A name's own dates (docs/time.md, "Names over time"): the valid time in which it names its
// entity, and the source that introduced it (the name is known from the end of that source's
// report period; kNoId: known whenever its entity is).
struct NameTerms {
    Interval valid = Interval::always();
    SourceId source = kNoId;
    bool any() const { return !valid.isAlways() || source != kNoId; }
    bool operator==(const NameTerms&) const = default;
};

struct EntityInfo {
    EntityId id = kNoId;
    std::string name;
    TypeId type = kNoId;
    std::vector<std::string> aliases;
    NameTerms nameTerms;               // of `name`
    std::vector<NameTerms> aliasTerms; // one per alias, in the same order
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

// A catalog's reads on demand (catalog_lazy.cpp). Outside the class: clang cannot construct a
// nested struct with member initializers before its enclosing class is complete.
struct EntityReads {
    std::shared_ptr<EntitySource> source;
    EntityId storedEnd = 1;
    size_t read = 0;             // entities read one at a time so far
    std::vector<bool> storedIds; // by id, once read whole (hasEntity after many reads)
    bool idsKnown = false;
    std::unordered_set<std::string> unknownNames; // folded; read and found not stored
};

// Entities may be read on demand (setEntitySource; catalog_lazy.cpp): a lookup of one the
// catalog does not hold yet reads it from the source and keeps it (not a change: generation()
// stays); the methods that need every entity read them all once. Reading is not thread-safe:
// a catalog shared by threads must hold every entity first (readAllEntities).
class Catalog {
public:
    // Lookups by name (case-insensitive); nullptr when unknown.
    const TypeInfo* findType(std::string_view name) const;
    const RelationInfo* findRelation(std::string_view name) const;
    const EntityInfo* findEntity(std::string_view nameOrAlias) const;
    // For a bulk of lookups (an import's rows): what findEntity(name) reads, brought into the
    // cache ahead of it in two steps issued a while apart (each for a batch of names): the
    // name's index slot, then the entity it names (its type).
    void prefetchEntityName(std::string_view name) const { entityByName_.prefetch(name); }
    void prefetchEntity(std::string_view name) const;
    const SourceInfo* findSource(std::string_view name) const;

    // Lookups by id; the id must exist.
    const TypeInfo& type(TypeId id) const { return types_.at(id); }
    const RelationInfo& relation(RelationId id) const { return relations_.at(id); }
    const EntityInfo& entity(EntityId id) const;
    const SourceInfo& source(SourceId id) const { return sources_.at(id); }

    // Whether an id exists (a database written by hand may name ids that do not).
    bool hasType(TypeId id) const { return types_.count(id) != 0; }
    bool hasRelation(RelationId id) const { return relations_.count(id) != 0; }
    bool hasEntity(EntityId id) const;
    bool hasSource(SourceId id) const { return sources_.count(id) != 0; }

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
    void addAlias(EntityId entity, std::string alias, NameTerms terms = {});
    // Sets the dates of an entity's name or alias `name` (one of them, case-insensitive): for
    // an entity added in the same changes, or while loading (not logged: rolling back the
    // entity's addition undoes it). Returns false when `name` is neither.
    bool setNameTerms(EntityId entity, std::string_view name, NameTerms terms);

    // Names shown in answers (docs/time.md, "Names over time"): while a statement asks
    // `known at D`, the engine sets D and shownName() gives each entity's name known then;
    // unset, its name. Const: it changes how answers read, not what the catalog holds.
    void showNamesKnownAt(std::optional<DayNumber> day) const { namesKnownAt_ = day; }
    std::optional<DayNumber> namesKnownAt() const { return namesKnownAt_; }
    const std::string& shownName(EntityId id) const;
    SourceId addSource(SourceInfo source);
    // Adds a rule (id kNoId: the next free one); returns its id.
    int64_t addRule(RuleInfo rule);
    const std::vector<RuleInfo>& rules() const { return rules_; }
    // Forgets the rules (not their relations): used to re-bind stored rule texts. Not allowed
    // while changes are pending.
    void clearRules() {
        rules_.clear();
        changed();
    }
    // Adds a judgement (id kNoId: the next free one); returns its id.
    int64_t addJudgement(Judgement judgement);
    const std::vector<Judgement>& judgements() const { return judgements_; }
    // Adds a `draw` declaration (schema/drawing.h); one with the same text as a declaration
    // already held is not added again (loading a file twice repeats nothing).
    void addDrawing(Drawing drawing);
    // In declaration order; for the same type or relation a later declaration wins.
    const std::vector<Drawing>& drawings() const { return drawings_; }

    // Tentative changes. After beginChanges(), every mutation is logged (cost proportional to
    // the change, not to the catalog) until commitChanges() keeps them or rollbackChanges()
    // undoes them, restoring the catalog exactly (ids to be assigned included). Not nested.
    void beginChanges();
    void commitChanges();
    void rollbackChanges();
    bool changesPending() const { return logging_; }

    // Entities on demand: the stored entities (ids below `storedEnd`) are read from `source`
    // when first asked for, not held yet. Call on a catalog that holds no entities.
    void setEntitySource(std::shared_ptr<EntitySource> source, EntityId storedEnd);
    // Reads every stored entity not held yet; from then on the catalog holds them all.
    void readAllEntities() const;
    // True when the catalog holds every entity (nothing left to read on demand).
    bool holdsAllEntities() const { return !reads_; }
    // The first error a read on demand gave (ok: none), shared by copies: the lookup answered
    // as if the entity were unknown, so the caller reports this instead of its answers.
    Status entityReadError() const { return readError_ ? *readError_ : Status::ok(); }

    // Changes whenever the catalog's contents may have (any mutation, a rollback); unique
    // across every Catalog of the process, so a cache keyed by it (engine/question_cache.h)
    // never confuses two catalogs or a catalog before and after a reload. Copies share it.
    uint64_t generation() const { return generation_; }

private:
    static uint64_t nextGeneration();
    void changed() { generation_ = nextGeneration(); }

    // One logged mutation: what was added, and the name-map entry it replaced (if any).
    struct Change {
        enum class Kind { Type, Relation, Entity, Alias, Source, Rule, Judgement, Drawing } kind;
        int64_t id = kNoId;
        std::string nameKey;
        int64_t replaced = kNoId; // the id `nameKey` mapped to before, kNoId: none
    };
    void log(Change::Kind kind, int64_t id, std::string nameKey, const NameIndex& byName);
    void undo(const Change& change);

    // Reads on demand (catalog_lazy.cpp); reads_ null: every entity is held.
    const EntityInfo* readEntityNamed(std::string_view name) const;
    const EntityInfo* readEntityWithId(EntityId id) const;
    const EntityInfo* keepRead(EntityInfo info) const; // validated, then held
    bool readFailed(const Status& status) const;       // keeps the first error; true if any
    bool manyRead() const;                             // then read them all
    EntityInfo& heldEntity(EntityId id);               // read first if need be; must exist

    std::unordered_map<TypeId, TypeInfo> types_;
    std::unordered_map<RelationId, RelationInfo> relations_;
    // Mutable: reading an entity on demand adds it from const lookups.
    mutable DenseTable<EntityInfo> entities_;
    mutable std::optional<EntityReads> reads_;
    std::shared_ptr<Status> readError_;
    std::unordered_map<SourceId, SourceInfo> sources_;
    std::vector<RuleInfo> rules_;
    std::vector<Judgement> judgements_;
    std::vector<Drawing> drawings_;
    NameIndex typeByName_;
    NameIndex relationByName_;
    mutable NameIndex entityByName_; // names and aliases
    NameIndex sourceByName_;
    int64_t nextTypeId_ = 1, nextRelationId_ = 1, nextEntityId_ = 1, nextSourceId_ = 1,
            nextRuleId_ = 1, nextJudgementId_ = 1;
    bool logging_ = false;
    mutable std::optional<DayNumber> namesKnownAt_;
    std::vector<Change> changes_;
    int64_t savedNext_[6] = {};
    uint64_t generation_ = nextGeneration();
};

// Scoped naming date: answers built meanwhile show names known at `day` (none: current names).
class ShowNamesKnownAt {
public:
    ShowNamesKnownAt(const Catalog& catalog, std::optional<DayNumber> day)
        : catalog_(catalog), saved_(catalog.namesKnownAt()) {
        catalog_.showNamesKnownAt(day);
    }
    ~ShowNamesKnownAt() { catalog_.showNamesKnownAt(saved_); }
    ShowNamesKnownAt(const ShowNamesKnownAt&) = delete;
    ShowNamesKnownAt& operator=(const ShowNamesKnownAt&) = delete;

private:
    const Catalog& catalog_;
    std::optional<DayNumber> saved_;
};

// Scoped tentative changes: begins on construction, rolls back on destruction unless
// committed.
class PendingChanges {
public:
    explicit PendingChanges(Catalog& catalog) : catalog_(catalog) { catalog_.beginChanges(); }
    ~PendingChanges() { rollback(); }
    PendingChanges(const PendingChanges&) = delete;
    PendingChanges& operator=(const PendingChanges&) = delete;
    void commit() {
        if (open_) catalog_.commitChanges();
        open_ = false;
    }
    void rollback() {
        if (open_) catalog_.rollbackChanges();
        open_ = false;
    }

private:
    Catalog& catalog_;
    bool open_ = true;
};

} // namespace chipgraph::schema
