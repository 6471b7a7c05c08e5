// Entities read on demand (docs/storage.md, "Opening"): opening a database reads its types,
// relations and sources but not its entities, which a large database has hundreds of
// thousands of; a lookup reads the one it asks for. Reads are not changes: they are not
// logged (a rollback keeps them) and do not move generation() (what a cached question bound
// against is still there).
#include "schema/catalog.h"

#include "common/text.h"

#include <algorithm>

namespace chipgraph::schema {

namespace {

Status corrupt(const std::string& what, int64_t id, const std::string& names) {
    return Status::error("the database is corrupt: " + what + " names " + names + " " +
                         std::to_string(id) + ", which does not exist");
}

// Shown by entity() for an entity a failed read could not give: its answers are not shown
// (the caller reports entityReadError() instead).
const EntityInfo& unreadable() {
    static const EntityInfo kUnreadable{kNoId, "?", kNoId, {}, {}, {}};
    return kUnreadable;
}

} // namespace

void Catalog::setEntitySource(std::shared_ptr<EntitySource> source, EntityId storedEnd) {
    nextEntityId_ = std::max(nextEntityId_, storedEnd);
    readError_ = std::make_shared<Status>(Status::ok());
    reads_.emplace();
    reads_->source = std::move(source);
    reads_->storedEnd = storedEnd;
}

bool Catalog::readFailed(const Status& status) const {
    if (status) return false;
    if (readError_ && *readError_) *readError_ = status;
    return true;
}

// One at a time up to a 64th of the stored entities (at least 1,024), then all in one scan:
// a question that names many entities costs at most a little more than reading them all.
bool Catalog::manyRead() const {
    return reads_->read >= std::max<size_t>(1024, static_cast<size_t>(reads_->storedEnd / 64));
}

const EntityInfo* Catalog::keepRead(EntityInfo info) const {
    if (!hasType(info.type))
        return readFailed(corrupt("entity '" + info.name + "'", info.type, "type")), nullptr;
    auto checkSource = [&](const std::string& name, const NameTerms& terms) {
        return terms.source == kNoId || hasSource(terms.source) ||
               !readFailed(corrupt("the dates of name '" + text::foldCase(name) + "'", terms.source,
                                   "source"));
    };
    if (!checkSource(info.name, info.nameTerms)) return nullptr;
    for (size_t i = 0; i < info.aliases.size(); ++i)
        if (!checkSource(info.aliases[i], info.aliasTerms[i])) return nullptr;
    // The catalog's names win: they are as new as the database read, or newer.
    auto name = [&](const std::string& written) {
        std::string key = text::foldCase(written);
        if (entityByName_.find(key) == kNoId) entityByName_.set(std::move(key), info.id);
    };
    name(info.name);
    for (const std::string& alias : info.aliases)
        name(alias);
    EntityId id = info.id;
    entities_.put(std::move(info));
    return entities_.find(id);
}

const EntityInfo* Catalog::readEntityNamed(std::string_view name) const {
    if (manyRead()) {
        readAllEntities();
        return findEntity(name);
    }
    // Stored entities never change: a name found unknown stays so (the binder asks about
    // every variable, which may be an entity's name).
    std::string key = text::foldCase(name);
    if (reads_->unknownNames.count(key)) return nullptr;
    ++reads_->read;
    EntityInfo info;
    Result<bool> found = reads_->source->entityNamed(name, info);
    if (readFailed(found.status())) return nullptr;
    if (!found.value()) {
        reads_->unknownNames.insert(std::move(key));
        return nullptr;
    }
    // Held under other names only: this one is not (or no longer) one of its names here.
    if (entities_.find(info.id)) return nullptr;
    return keepRead(std::move(info));
}

const EntityInfo* Catalog::readEntityWithId(EntityId id) const {
    if (id >= reads_->storedEnd) return nullptr;
    if (manyRead()) {
        readAllEntities();
        return entities_.find(id);
    }
    ++reads_->read;
    EntityInfo info;
    Result<bool> found = reads_->source->entityWithId(id, info);
    if (readFailed(found.status()) || !found.value()) return nullptr;
    return keepRead(std::move(info));
}

void Catalog::readAllEntities() const {
    if (!reads_) return;
    std::shared_ptr<EntitySource> source = reads_->source;
    bool failed = false;
    Status status = source->allEntities([&](EntityInfo&& info) {
        if (!failed && !entities_.find(info.id)) failed = keepRead(std::move(info)) == nullptr;
    });
    readFailed(status);
    reads_.reset();
}

const EntityInfo& Catalog::entity(EntityId id) const {
    if (const EntityInfo* held = entities_.find(id)) return *held;
    if (reads_)
        if (const EntityInfo* read = readEntityWithId(id)) return *read;
    if (!entityReadError()) return unreadable();
    return entities_.at(id); // a precondition broken: throws
}

EntityInfo& Catalog::heldEntity(EntityId id) {
    (void)entity(id);
    return entities_.at(id);
}

bool Catalog::hasEntity(EntityId id) const {
    if (entities_.find(id)) return true;
    if (!reads_ || id >= reads_->storedEnd) return false;
    // A relation read whole checks every entity its facts name: by their ids alone.
    if (id < 0 || (!reads_->idsKnown && !manyRead())) return readEntityWithId(id) != nullptr;
    if (!reads_->idsKnown) {
        std::vector<EntityId> ids;
        if (readFailed(reads_->source->allEntityIds(ids))) return false;
        reads_->storedIds.assign(static_cast<size_t>(reads_->storedEnd), false);
        for (EntityId stored : ids)
            if (stored >= 0 && stored < reads_->storedEnd)
                reads_->storedIds[static_cast<size_t>(stored)] = true;
        reads_->idsKnown = true;
    }
    return reads_->storedIds[static_cast<size_t>(id)];
}

} // namespace chipgraph::schema
