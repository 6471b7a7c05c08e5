#include "eval/base_cache.h"

namespace chipgraph::eval {

// Budget: windows differ per question (`as of 2019`, `as of 2020`, ...), each a set of tables;
// past it everything goes (the next questions reload what they read).
static constexpr size_t kMaxTables = 64;
static constexpr size_t kMaxRows = 20'000'000;
static constexpr size_t kMaxValues = 50'000'000;

BaseTableCache::Loaded BaseTableCache::find(RelationId relation, const BaseFilter& filter,
                                            uint64_t version) const {
    auto it = tables_.find({relation, filter});
    if (it == tables_.end() || it->second.version != version) return {};
    return {it->second.table.get(), it->second.leftOut};
}

BaseTableCache::Loaded BaseTableCache::keep(RelationId relation, const BaseFilter& filter,
                                            uint64_t version, std::unique_ptr<TupleTable> table,
                                            const LeftOutCounts& leftOut) {
    Entry& entry = tables_[{relation, filter}];
    entry = {version, std::move(table), leftOut};
    return {entry.table.get(), entry.leftOut};
}

std::optional<BaseTableCache::Digest>
BaseTableCache::digest(RelationId relation, const BaseFilter& filter, uint64_t version) const {
    auto it = digests_.find({relation, filter});
    if (it == digests_.end() || it->second.first != version) return std::nullopt;
    return it->second.second;
}

void BaseTableCache::keepDigest(RelationId relation, const BaseFilter& filter, uint64_t version,
                                const Digest& digest) {
    digests_[{relation, filter}] = {version, digest};
}

void BaseTableCache::trim() {
    if (digests_.size() > kMaxTables) digests_.clear();
    size_t rows = 0;
    for (const auto& [key, entry] : tables_)
        rows += entry.table->size();
    if (tables_.size() <= kMaxTables && rows <= kMaxRows && interner_.size() <= kMaxValues) return;
    tables_.clear();
    interner_ = Interner();
}

} // namespace chipgraph::eval
