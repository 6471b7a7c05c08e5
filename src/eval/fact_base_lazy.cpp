// FactBase's lazy loading: relations whose stored facts are read on their first use (so that
// opening a database does work in proportion to what its first question reads).
#include "eval/fact_base.h"

namespace chipgraph::eval {

// What copies of one FactBase share: the loader and the first error a load gave.
struct LoadSource {
    FactLoader load;
    std::mutex mutex; // guards `error`
    Status error;
};

struct FactBase::Lazy {
    std::shared_ptr<LoadSource> source;
    std::mutex mutex; // guards `pending` and the loading of its relations
    std::unordered_set<RelationId> pending;
    // pending.size(), read without the lock: zero once everything is here, and then
    // relation() costs one atomic load more than a plain lookup.
    std::atomic<size_t> pendingCount{0};
};

// Under the other's lock: no relation of it is being filled in while it is copied.
FactBase::FactBase(const FactBase& other) {
    std::unique_lock<std::mutex> lock;
    if (other.lazy_) lock = std::unique_lock<std::mutex>(other.lazy_->mutex);
    relations_ = other.relations_;
    if (!other.lazy_) return;
    lazy_ = std::make_unique<Lazy>();
    lazy_->source = other.lazy_->source;
    lazy_->pending = other.lazy_->pending;
    lazy_->pendingCount = lazy_->pending.size();
}

FactBase& FactBase::operator=(const FactBase& other) {
    if (this != &other) *this = FactBase(other);
    return *this;
}

FactBase::FactBase() = default;
FactBase::FactBase(FactBase&&) noexcept = default;
FactBase& FactBase::operator=(FactBase&&) noexcept = default;
FactBase::~FactBase() = default;

void FactBase::setLoader(FactLoader load, const std::vector<RelationId>& stored) {
    lazy_ = std::make_unique<Lazy>();
    lazy_->source = std::make_shared<LoadSource>();
    lazy_->source->load = std::move(load);
    for (RelationId id : stored) {
        relations_.try_emplace(id); // the map's shape is fixed before any reader comes
        lazy_->pending.insert(id);
    }
    lazy_->pendingCount = lazy_->pending.size();
}

Status FactBase::loadError() const {
    if (!lazy_) return Status::ok();
    std::lock_guard<std::mutex> lock(lazy_->source->mutex);
    return lazy_->source->error;
}

void FactBase::ensureLoaded(RelationId id) const {
    if (!lazy_ || lazy_->pendingCount.load(std::memory_order_acquire) == 0) return;
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    if (lazy_->pending.erase(id) == 0) return;
    std::vector<schema::Fact> facts;
    Status loaded = lazy_->source->load(id, facts);
    if (!loaded) {
        facts.clear();
        std::lock_guard<std::mutex> errorLock(lazy_->source->mutex);
        if (lazy_->source->error.isOk()) lazy_->source->error = loaded;
    }
    // The entry exists since setLoader, and no reader holds it yet (it was pending): filling
    // it in place is the one change a const method makes to the map's values.
    auto& r = const_cast<RelationFacts&>(relations_.find(id)->second);
    r.facts_ = std::move(facts);
    r.hashed_ = false;
    r.indexes_.clear();
    r.version_ = RelationFacts::nextVersion();
    lazy_->pendingCount.store(lazy_->pending.size(), std::memory_order_release);
}

bool FactBase::isPending(RelationId id) const {
    if (!lazy_ || lazy_->pendingCount.load(std::memory_order_acquire) == 0) return false;
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    return lazy_->pending.count(id) != 0;
}

void FactBase::loadAll() const {
    if (!lazy_) return;
    std::vector<RelationId> ids;
    {
        std::lock_guard<std::mutex> lock(lazy_->mutex);
        ids.assign(lazy_->pending.begin(), lazy_->pending.end());
    }
    for (RelationId id : ids)
        ensureLoaded(id);
}

RelationFacts& FactBase::mutableRelation(RelationId id) {
    ensureLoaded(id);
    return relations_[id];
}

} // namespace chipgraph::eval
