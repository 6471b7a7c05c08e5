// References the store checks itself: entity ids inside fact_key (no foreign key can see them),
// and during a bulk transaction (Store::beginBulk, foreign keys off) the types, relations and
// sources that entities and facts name.
#include "store/store.h"
#include "store/store_macros.h"

#include <algorithm>

namespace chipgraph::store {

void Store::markStoredEntity(EntityId id) {
    if (id < 0) return;
    if (static_cast<size_t>(id) >= storedEntities_.size())
        storedEntities_.resize(std::max<size_t>(2 * storedEntities_.size(), id + 1));
    storedEntities_[id] = true;
}

// One lookup per id (they are few, and never deleted); an import names the same relation and
// source on every row, so the last one found of each kind is compared first.
Status Store::checkParent(Parent parent, int64_t id) {
    if (id == kNoId) return Status::ok();
    int64_t& last = lastParent_[static_cast<int>(parent)];
    std::pair<Parent, int64_t> wanted{parent, id};
    if (id == last || storedParents_.count(wanted)) {
        last = id;
        return Status::ok();
    }
    static const char* const kFind[] = {"SELECT 1 FROM types WHERE id = ?",
                                        "SELECT 1 FROM relations WHERE id = ?",
                                        "SELECT 1 FROM sources WHERE id = ?"};
    static const char* const kWhat[] = {"type", "relation", "source"};
    CG_PREPARE(find, kFind[static_cast<int>(parent)]);
    find.bind(1, id);
    Result<bool> found = find.step();
    find.reset();
    if (!found) return found.status();
    if (!found.value())
        return Status::error(std::string("database error: ") + kWhat[static_cast<int>(parent)] +
                             " " + std::to_string(id) + " is not stored");
    storedParents_.insert(wanted);
    last = id;
    return Status::ok();
}

Status Store::checkReferences(const schema::Fact& fact) {
    CG_TRY(checkParent(Parent::Relation, fact.relation));
    CG_TRY(checkParent(Parent::Source, fact.source));
    auto check = [&](const Value& v) -> Status {
        if (!v.isEntity() || isStoredEntity(v.entityId())) return Status::ok();
        CG_PREPARE(find, "SELECT 1 FROM entities WHERE id = ?");
        find.bind(1, v.entityId());
        Result<bool> found = find.step();
        find.reset();
        if (!found) return found.status();
        if (!found.value())
            return Status::error("database error: entity " + std::to_string(v.entityId()) +
                                 " is not stored");
        markStoredEntity(v.entityId());
        return Status::ok();
    };
    for (const Value& v : fact.args)
        CG_TRY(check(v));
    for (const auto& q : fact.qualifiers)
        if (q) CG_TRY(check(*q));
    return Status::ok();
}

} // namespace chipgraph::store
