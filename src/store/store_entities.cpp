// Entities on demand (docs/storage.md, "Opening"): the catalog's source of the entities it
// does not hold yet. Reads give the state loadCatalog loaded, whatever was committed since:
// entities and aliases are never changed or deleted once stored, so that state is the
// entities below the largest id then, and the aliases and name dates up to the largest rowid
// then (new rows take larger ones). No read transaction is needed for that.
#include "store/store.h"

#include "common/text.h"
#include "schema/catalog.h"
#include "schema/names_over_time.h"
#include "store/store_macros.h"

#include <algorithm>

namespace chipgraph::store {

namespace {

Status corrupt(const std::string& what, int64_t id, const std::string& names) {
    return Status::error("the database is corrupt: " + what + " names " + names + " " +
                         std::to_string(id) + ", which does not exist");
}

// Gives a stored name's dates to the entity's name or alias it belongs to.
Status placeTerms(schema::EntityInfo& entity, const std::string& nameKey,
                  const schema::NameTerms& terms) {
    int index = schema::nameIndex(entity, nameKey);
    if (index == schema::kNotAName)
        return corrupt("the dates of name '" + nameKey + "'", entity.id, "a name of entity");
    (index == schema::kEntityName ? entity.nameTerms : entity.aliasTerms[index]) = terms;
    return Status::ok();
}

schema::NameTerms termsOf(const Statement& row, int first) {
    return {Interval{static_cast<DayNumber>(row.columnInt(first)),
                     static_cast<DayNumber>(row.columnInt(first + 1))},
            row.columnIsNull(first + 2) ? kNoId : row.columnInt(first + 2)};
}

} // namespace

class StoredEntities : public schema::EntitySource {
public:
    StoredEntities(Store& store, Store::EntityBounds bounds)
        : store_(store), db_(store.db_), bounds_(bounds) {}
    Result<bool> entityNamed(std::string_view name, schema::EntityInfo& out) override;
    Result<bool> entityWithId(EntityId id, schema::EntityInfo& out) override;
    Status allEntities(const std::function<void(schema::EntityInfo&&)>& each) override;
    Status allEntityIds(std::vector<EntityId>& out) override;

private:
    Store& store_;
    std::unique_ptr<Connection>& db_; // the store's (for CG_PREPARE)
    Store::EntityBounds bounds_;
};

Result<bool> StoredEntities::entityNamed(std::string_view name, schema::EntityInfo& out) {
    CG_PREPARE(find, "SELECT id FROM entities WHERE name_key = ?1 AND id < ?2 UNION ALL "
                     "SELECT entity_id FROM aliases WHERE alias_key = ?1 AND rowid <= ?3");
    std::string key = text::foldCase(name);
    find.bindTextStatic(1, key);
    find.bind(2, bounds_.idEnd);
    find.bind(3, bounds_.aliasEnd);
    Result<bool> row = find.step();
    EntityId id = row && row.value() ? find.columnInt(0) : kNoId;
    find.reset();
    if (!row) return row.status();
    if (id == kNoId) return false;
    Result<bool> found = entityWithId(id, out);
    if (found && !found.value()) return corrupt("alias '" + std::string(name) + "'", id, "entity");
    return found;
}

Result<bool> StoredEntities::entityWithId(EntityId id, schema::EntityInfo& out) {
    if (id >= bounds_.idEnd) return false;
    CG_PREPARE(entity, "SELECT name, type_id FROM entities WHERE id = ?");
    entity.bind(1, id);
    Result<bool> row = entity.step();
    if (row && row.value()) {
        out = schema::EntityInfo{};
        out.id = id;
        out.name = entity.columnText(0);
        out.type = entity.columnInt(1);
    }
    entity.reset();
    if (!row || !row.value()) return row;
    CG_PREPARE(aliases, "SELECT alias FROM aliases WHERE entity_id = ? AND rowid <= ? "
                        "ORDER BY position");
    aliases.bind(1, id);
    aliases.bind(2, bounds_.aliasEnd);
    for (;;) {
        Result<bool> alias = aliases.step();
        if (!alias) return alias.status();
        if (!alias.value()) break;
        out.aliases.push_back(aliases.columnText(0));
        out.aliasTerms.emplace_back();
    }
    aliases.reset();
    // By each of its names (the key: name_terms has no index on entity_id).
    CG_PREPARE(terms, "SELECT valid_from, valid_to, source_id FROM name_terms "
                      "WHERE name_key = ? AND entity_id = ? AND rowid <= ?");
    for (int index = schema::kEntityName; index < static_cast<int>(out.aliases.size()); ++index) {
        std::string key =
            text::foldCase(index == schema::kEntityName ? out.name : out.aliases[index]);
        terms.bindTextStatic(1, key);
        terms.bind(2, id);
        terms.bind(3, bounds_.termsEnd);
        Result<bool> term = terms.step();
        if (term && term.value())
            (index == schema::kEntityName ? out.nameTerms : out.aliasTerms[index]) =
                termsOf(terms, 0);
        terms.reset();
        if (!term) return term.status();
    }
    store_.markStoredEntity(id);
    return true;
}

Status StoredEntities::allEntities(const std::function<void(schema::EntityInfo&&)>& each) {
    std::vector<schema::EntityInfo> entities;
    CG_PREPARE(rows, "SELECT id, name, type_id FROM entities WHERE id < ? ORDER BY id");
    rows.bind(1, bounds_.idEnd);
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::EntityInfo& info = entities.emplace_back();
        info.id = rows.columnInt(0);
        info.name = rows.columnText(1);
        info.type = rows.columnInt(2);
    }
    rows.reset();
    auto byId = [&](EntityId id) -> schema::EntityInfo* {
        auto it =
            std::lower_bound(entities.begin(), entities.end(), id,
                             [](const schema::EntityInfo& e, EntityId v) { return e.id < v; });
        return it != entities.end() && it->id == id ? &*it : nullptr;
    };
    CG_PREPARE(aliases, "SELECT entity_id, alias FROM aliases WHERE rowid <= ? "
                        "ORDER BY entity_id, position");
    aliases.bind(1, bounds_.aliasEnd);
    Status status = Status::ok();
    for (;;) {
        Result<bool> row = aliases.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::EntityInfo* info = byId(aliases.columnInt(0));
        if (!info && status)
            status =
                corrupt("alias '" + aliases.columnText(1) + "'", aliases.columnInt(0), "entity");
        if (!info) continue;
        info->aliases.push_back(aliases.columnText(1));
        info->aliasTerms.emplace_back();
    }
    aliases.reset();
    CG_PREPARE(terms, "SELECT name_key, entity_id, valid_from, valid_to, source_id FROM "
                      "name_terms WHERE rowid <= ? ORDER BY entity_id, name_key");
    terms.bind(1, bounds_.termsEnd);
    for (;;) {
        Result<bool> row = terms.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::EntityInfo* info = byId(terms.columnInt(1));
        if (!info && status)
            status = corrupt("the dates of name '" + terms.columnText(0) + "'", terms.columnInt(1),
                             "entity");
        if (info && status) status = placeTerms(*info, terms.columnText(0), termsOf(terms, 2));
    }
    terms.reset();
    if (!status) return status;
    for (schema::EntityInfo& info : entities) {
        store_.markStoredEntity(info.id);
        each(std::move(info));
    }
    return Status::ok();
}

Status StoredEntities::allEntityIds(std::vector<EntityId>& out) {
    CG_PREPARE(rows, "SELECT id FROM entities WHERE id < ? ORDER BY id");
    rows.bind(1, bounds_.idEnd);
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        out.push_back(rows.columnInt(0));
    }
    rows.reset();
    return Status::ok();
}

// Up to this many entity ids, the catalog reads them all at once: one scan of a thousand costs
// what a few dozen lookups do (a question on the bundled graph's 69 made 42), and a question
// reads a few dozen.
constexpr int64_t kReadAllUpTo = 1024;

// The stored entities are left to the catalog to read when it needs them; a small database,
// or one written by hand with ids below 1 (outside the catalog's dense range), has them read
// now.
Status Store::giveEntitySource(schema::Catalog& catalog) {
    CG_PREPARE(last, "SELECT max(id) FROM entities");
    Result<bool> any = last.step();
    bool stored = any && any.value() && !last.columnIsNull(0);
    EntityBounds bounds;
    if (stored) bounds.idEnd = last.columnInt(0) + 1;
    last.reset();
    if (!any) return any.status();
    if (!stored) return Status::ok();
    CG_PREPARE(first, "SELECT min(id) FROM entities");
    int64_t lowest = first.singleInt();
    CG_PREPARE(aliases, "SELECT coalesce(max(rowid), 0) FROM aliases");
    bounds.aliasEnd = aliases.singleInt();
    CG_PREPARE(terms, "SELECT coalesce(max(rowid), 0) FROM name_terms");
    bounds.termsEnd = terms.singleInt();
    catalog.setEntitySource(std::make_shared<StoredEntities>(*this, bounds), bounds.idEnd);
    if (lowest < 1 || bounds.idEnd <= kReadAllUpTo + 1) catalog.readAllEntities();
    return catalog.entityReadError();
}

} // namespace chipgraph::store
