#pragma once
// Where a catalog reads the entities it does not hold yet (docs/storage.md, "Opening"): the
// store implements this, so that src/schema does not depend on src/store. Reads give the
// entities as of the state the catalog was loaded from (none created since by others).
#include "common/status.h"
#include "common/value.h"

#include <functional>
#include <string_view>
#include <vector>

namespace chipgraph::schema {

struct EntityInfo;

class EntitySource {
public:
    virtual ~EntitySource() = default;
    // Reads into `out` the stored entity that `name` names (its name or one of its aliases,
    // case-insensitive): its name, type, aliases and their dates. False: none is stored.
    virtual Result<bool> entityNamed(std::string_view name, EntityInfo& out) = 0;
    // The same for the entity with `id`.
    virtual Result<bool> entityWithId(EntityId id, EntityInfo& out) = 0;
    // Calls `each` with every stored entity, in id order.
    virtual Status allEntities(const std::function<void(EntityInfo&&)>& each) = 0;
    // The ids of every stored entity, ascending (no names read).
    virtual Status allEntityIds(std::vector<EntityId>& out) = 0;
};

} // namespace chipgraph::schema
